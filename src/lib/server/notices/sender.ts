import { readFileSync } from 'node:fs';
import { commune } from '$lib/commune';
import type { Db } from '../db/open';
import type { Channel } from './channels/channel';
import { emailChannel } from './channels/email';
import { pushChannel } from './channels/push';
import { smsChannel } from './channels/sms';
import { deliverDue, type Deliverer, type DeliveryRun } from './delivery';
import { noticeKeys } from './secrets';
import { noticeSettings, type NoticeSettings } from './settings';

/** The channels configured in `settings`, and push from the portal's own keys. */
export async function makeDeliverer(
	db: Db,
	settings: NoticeSettings = noticeSettings()
): Promise<Deliverer & { close: () => void }> {
	const keys = await noticeKeys(db);
	const channels: Deliverer['channels'] = {
		push: pushChannel({
			...keys.vapid,
			subject: `mailto:${commune.contact.email}`,
			allowedHosts: settings.pushHosts,
			ca: settings.pushCaFile ? readFileSync(settings.pushCaFile, 'utf8') : undefined
		})
	};
	if (settings.email) channels.email = emailChannel(settings.email);
	if (settings.sms) channels.sms = smsChannel(settings.sms);
	return {
		channels,
		settings,
		linkSecret: keys.linkSecret,
		recipientSecret: keys.recipientSecret,
		close: () => Object.values(channels).forEach((c: Channel) => c.close?.())
	};
}

/**
 * The clock of the sender. Tests move it forward by writing a number of milliseconds into the
 * file named by NOTICES_CLOCK_OFFSET_FILE (never set in service): the server's own requests keep
 * the real time.
 */
export function senderClock(file = process.env.NOTICES_CLOCK_OFFSET_FILE): () => Date {
	if (!file) return () => new Date();
	return () => {
		let offset = 0;
		try {
			offset = Number(readFileSync(file, 'utf8').trim()) || 0;
		} catch {
			// No file yet: the real time.
		}
		return new Date(Date.now() + offset);
	};
}

function report(run: DeliveryRun | null) {
	if (!run || run.queued + run.sent + run.retried + run.failed + run.dropped + run.held === 0)
		return;
	// Counts only, never recipients. SMS parts are what the commune pays.
	console.info(
		`notices: ${run.queued} reminders queued, ${run.sent} sent (${run.smsParts} SMS parts), ${run.retried} to retry, ${run.failed} failed, ${run.dropped} dropped, ${run.held} SMS held for quiet hours`
	);
}

/** Checks the queue every NOTIFY_TICK_SECONDS; one run at a time in this process. */
export async function startSender(db: Db): Promise<() => void> {
	const deliverer = await makeDeliverer(db);
	const clock = senderClock();
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			report(await deliverDue(db, deliverer, clock));
		} catch (error) {
			console.error('notices: run failed:', error);
		} finally {
			running = false;
		}
	};
	const timer = setInterval(() => void tick(), deliverer.settings.tickMs);
	timer.unref();
	void tick();
	return () => {
		clearInterval(timer);
		deliverer.close();
	};
}
