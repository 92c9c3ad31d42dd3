import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { importCatalogueFile } from '$lib/server/catalogue/import';
import { deliverDue } from '$lib/server/notices/delivery';
import { makeDeliverer } from '$lib/server/notices/sender';
import { noticeSettings } from '$lib/server/notices/settings';
import { smtpPeer } from '../tests/support/notice-peers';
import { tempDatabase } from '../tests/support/temp-db';

// 10,000 reminders due in the same minute (a big commune's Monday), sent to an SMTP server on
// this machine: how long the sender takes, how much memory it holds, and whether each person got
// her message once. The SMTP server here answers at once; a real one adds its own time.
const COUNT = 10_000;
const BUDGET_S = 120;
const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
const smtp = await smtpPeer({ parse: false });
afterAll(async () => {
	await smtp.close();
	await temp.close();
});

it('prints the time and memory of 10,000 reminders sent at once', async () => {
	const now = new Date('2026-12-07T09:00:00Z');
	const start = new Date(now.getTime() + 24 * 3_600_000).toISOString();
	const rows = Array.from({ length: COUNT }, (_, i) => ({
		id: randomUUID(),
		reference: `R-${String(i).padStart(7, '0')}`,
		device_hash: `bench-${i}`,
		service_id: 'france-services-rdv',
		appointment_type_id: 'france-services-45',
		start_at: start,
		end_at: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
		status: 'booked' as const,
		created_at: now.toISOString(),
		updated_at: now.toISOString(),
		version: i + 1,
		person_name: `Personne ${i}`,
		person_phone: '06 12 34 56 78',
		person_email: `p${i}@exemple.fr`,
		notify_channels: ',email,',
		notify_kinds: ',reminder,'
	}));
	for (let i = 0; i < rows.length; i += 500) {
		await db
			.insertInto('appointments')
			.values(rows.slice(i, i + 500))
			.execute();
	}
	const deliverer = await makeDeliverer(
		db,
		noticeSettings({
			SMTP_URL: smtp.url,
			PUBLIC_URL: 'https://seniors.example',
			// 10,000 reminders in one morning: past the default day's cap, which would hold them.
			EMAIL_DAILY_MAX: '100000'
		})
	);
	let peakRss = 0;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
	const rssBefore = process.memoryUsage().rss;
	const began = process.hrtime.bigint();
	const run = await deliverDue(db, deliverer, () => now);
	const seconds = Number(process.hrtime.bigint() - began) / 1e9;
	clearInterval(sampler);
	deliverer.close();
	// A second run finds nothing: each reminder is recorded as sent.
	const again = await deliverDue(db, deliverer, () => now);
	const recipients = new Set(smtp.received.map((m) => m.to));
	const ids = new Set(smtp.received.map((m) => /^Message-ID: (.+)$/im.exec(m.raw)?.[1]));
	console.log(
		`notices: ${run!.sent} reminders sent in ${seconds.toFixed(1)} s (${Math.round(run!.sent / seconds)}/s; budget ${BUDGET_S} s), ` +
			`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (+${((peakRss - rssBefore) / 2 ** 20).toFixed(0)} MiB during the run), ` +
			`${smtp.received.length} messages received, ${recipients.size} recipients, ${ids.size} distinct Message-IDs, ` +
			`${smtp.received.length - recipients.size} twice; a second run sent ${again!.sent}`
	);
	expect(run!.sent).toBe(COUNT);
	expect(smtp.received).toHaveLength(COUNT);
	expect(recipients.size).toBe(COUNT);
	expect(ids.size).toBe(COUNT);
	expect(again!.sent).toBe(0);
});
