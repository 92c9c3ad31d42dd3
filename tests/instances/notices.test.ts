// Notices from two instances sharing one PostgreSQL database: each checks the queue every second,
// the lease lets one send at a time, and the queue's keys let nothing go twice.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { smtpPeer } from '../support/notice-peers';
import { deviceKey, newSchema, send, startInstance, type Instance } from './instances';

const HOUR = 3_600_000;
const started: Instance[] = [];
const smtp = await smtpPeer();
afterAll(async () => {
	await Promise.all(started.map((i) => i.stop()));
	await smtp.close();
});

it('two instances send each confirmation and each reminder once', async () => {
	const clockFile = join(mkdtempSync(join(tmpdir(), 'portail-clock-')), 'offset');
	const env = {
		SMTP_URL: smtp.url,
		NOTIFY_TICK_SECONDS: '1',
		NOTICES_CLOCK_OFFSET_FILE: clockFile,
		// Twenty tablets book one day's last places: none kept for the office here.
		OFFICE_SHARE_PERCENT: '0'
	};
	const schema = newSchema();
	const [a, b] = await Promise.all([startInstance(schema, env), startInstance(schema, env)]);
	started.push(a, b);
	const service = 'france-services-rdv';
	const { slots } = (await (await fetch(`${a.base}/api/v1/slots?serviceId=${service}`)).json()) as {
		slots: { appointmentTypeId: string; start: string; remaining: number }[];
	};
	// Twenty places within the last day and a half offered: one clock reading reminds them all.
	const last = Date.parse(slots.at(-1)!.start);
	const places = slots
		.filter((s) => Date.parse(s.start) > last - 36 * HOUR)
		.flatMap((s) => Array.from({ length: s.remaining }, () => s))
		.slice(-20);
	expect(places).toHaveLength(20);
	const tag = randomBytes(3).toString('hex');
	const results = await Promise.all(
		places.map((slot, i) =>
			send(i % 2 ? a : b, deviceKey(), [
				{
					id: randomUUID(),
					type: 'appointment.book',
					payload: {
						serviceId: service,
						appointmentTypeId: slot.appointmentTypeId,
						start: slot.start,
						contact: {
							name: `Personne ${i}`,
							phone: '06 12 34 56 78',
							email: `p${i}.${tag}@exemple.fr`,
							notify: ['email']
						}
					}
				}
			])
		)
	);
	expect(results.map(([r]) => r!.status)).toEqual(places.map(() => 'applied'));
	const mine = () => smtp.received.filter((m) => m.to.endsWith(`.${tag}@exemple.fr`));
	const subjects = (start: string) => mine().filter((m) => m.parsed.subject?.startsWith(start));
	await expect.poll(() => subjects('Rendez-vous confirmé').length, { timeout: 60_000 }).toBe(20);

	// Both senders' clocks two days before: every reminder is due at once, on both instances.
	writeFileSync(clockFile, String(last - 47 * HOUR - Date.now()));
	await expect.poll(() => subjects('Rappel').length, { timeout: 60_000 }).toBe(20);
	// A few more runs on each instance: nothing more goes.
	await new Promise((resolve) => setTimeout(resolve, 5_000));
	expect(subjects('Rappel')).toHaveLength(20);
	expect(subjects('Rendez-vous confirmé')).toHaveLength(20);
	expect(new Set(mine().map((m) => `${m.to} ${m.parsed.subject}`)).size).toBe(40);
	// What each instance says it sent (its log, counts only): forty in all, between the two.
	const sent = [a, b].map((i) =>
		[...i.output().matchAll(/notices: \d+ reminders queued, (\d+) sent/g)].reduce(
			(sum, m) => sum + Number(m[1]),
			0
		)
	);
	expect(sent[0]! + sent[1]!).toBe(40);
});
