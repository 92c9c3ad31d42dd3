import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communeDay } from '$lib/time/commune-time';
import { freeSlots } from '../appointments/slots';
import { importCatalogueFile } from '../catalogue/import';
import type { Db } from '../db/open';
import { applyMutations } from '../outbox/apply';
import { createStaffUser } from '../staff/accounts';
import { staffIdentity } from '$tests/support/fixtures';
import { pushPeer, smsPeer, smtpPeer } from '$tests/support/notice-peers';
import { tempDatabase } from '$tests/support/temp-db';
import { addDays, atMinute } from '../time';
import { deliverDue, type Deliverer } from './delivery';
import { readLink } from './links';
import { actOnLink, linkPage } from './link-page';
import { decideLetters, markLettersPrinted, pendingLetters } from './letters';
import { makeDeliverer } from './sender';
import { noticeSettings } from './settings';

const HOUR = 3_600_000;
const SERVICE = 'rendez-vous-conseillere-sociale';
const OFFICE = 'ccas-bureau';

const temp = await tempDatabase();
const db: Db = temp.db;
const smtp = await smtpPeer();
const sms = await smsPeer('brevo-test-key');
const push = await pushPeer();
process.env.PUSH_ALLOWED_HOSTS = push.origin;
let deliverer: Deliverer & { close(): void };

/** Tomorrow 10:00 in the commune: outside the SMS quiet hours. */
const base = new Date(atMinute(addDays(communeDay(), 1), 10 * 60).getTime());
let clock = base;
const run = () => deliverDue(db, deliverer, () => clock);

beforeAll(async () => {
	await importCatalogueFile(db, temp.catalogue);
	deliverer = await makeDeliverer(
		db,
		noticeSettings({
			SMTP_URL: smtp.url,
			MAIL_FROM: 'Mairie de Val-de-Lierre <seniors@val-de-lierre.example>',
			SMS_API_URL: sms.url,
			SMS_API_KEY: 'brevo-test-key',
			SMS_SENDER: 'ValDeLierre',
			PUSH_ALLOWED_HOSTS: push.origin,
			PUSH_CA_FILE: push.caFile,
			PUBLIC_URL: 'https://seniors.val-de-lierre.example',
			REMINDER_LEAD_HOURS: '48',
			// These tests write to one person many times; the budgets have their own (budgets.test.ts).
			NOTICE_RECIPIENT_DAILY_MAX: '1000',
			NOTICE_RECIPIENT_MONTHLY_MAX: '1000'
		})
	);
});

afterAll(async () => {
	deliverer.close();
	await Promise.all([smtp.close(), sms.close(), push.close(), temp.close()]);
});

const mutation = (type: string, payload: object) => ({
	id: randomUUID(),
	type,
	payload,
	createdAt: clock.toISOString()
});

async function send(device: string, ...mutations: ReturnType<typeof mutation>[]) {
	return applyMutations(db, { deviceHash: device }, mutations, clock);
}

/** The n-th free slot of the CCAS office from `fromDays` days after `clock`. */
async function slot(fromDays: number, n = 0) {
	const day = addDays(communeDay(clock), fromDays);
	const slots = await freeSlots(db, {
		serviceId: SERVICE,
		appointmentTypeId: OFFICE,
		fromDay: day,
		toDay: addDays(day, 10),
		now: clock
	});
	return slots[n]!.start;
}

function booking(start: string, notify: string[], extra: object = {}) {
	return mutation('appointment.book', {
		serviceId: SERVICE,
		appointmentTypeId: OFFICE,
		start,
		contact: {
			name: 'Berthe Lucas',
			phone: '06 12 34 56 78',
			email: 'berthe@exemple.fr',
			notify,
			...extra
		}
	});
}

const counts = () => ({
	mail: smtp.received.length,
	sms: sms.received.length,
	push: push.received.length
});

describe('notices on three channels', () => {
	const device = `device-${randomUUID()}`;
	let appointmentId = '';

	it('confirms a booking by e-mail, SMS and on the tablet, each once', async () => {
		const [subscribed] = await send(
			device,
			mutation('device.push', { subscription: push.subscription() })
		);
		expect(subscribed!.status).toBe('applied');
		const before = counts();
		const [booked] = await send(device, booking(await slot(5), ['email', 'sms', 'push']));
		expect(booked!.status).toBe('applied');
		appointmentId = booked!.recordId!;
		const first = await run();
		expect(first).toMatchObject({ sent: 3, failed: 0 });
		expect(counts()).toEqual({ mail: before.mail + 1, sms: before.sms + 1, push: before.push + 1 });
		// The next run finds nothing to send: the notices are recorded as sent.
		expect(await run()).toMatchObject({ sent: 0, queued: 0 });
		expect(counts()).toEqual({ mail: before.mail + 1, sms: before.sms + 1, push: before.push + 1 });

		const mail = smtp.received.at(-1)!;
		expect(mail.to).toBe('berthe@exemple.fr');
		expect(mail.parsed.subject).toMatch(/^Rendez-vous confirmé : /);
		expect(mail.parsed.text).toContain('Bonjour Berthe Lucas,');
		expect(mail.parsed.text).toContain('Sur place : CCAS de Val-de-Lierre');
		expect(mail.parsed.text).toContain('Une question ? Appelez le');
		expect(mail.parsed.html).toContain('<html lang="fr" dir="ltr">');
		expect(mail.parsed.text).toMatch(/Ne plus recevoir|ne plus recevoir/);
		expect(sms.problems).toEqual([]);
		expect(sms.received.at(-1)).toMatchObject({ recipient: '33612345678', sender: 'ValDeLierre' });
		expect(push.problems).toEqual([]);
		expect(push.received.at(-1)!.payload.title).toMatch(/^Rendez-vous confirmé/);
		expect(push.received.at(-1)!.payload.url).toBe(
			'https://seniors.val-de-lierre.example/mes-rendez-vous'
		);
	});

	it('reminds once at the lead time, with the three answers, and journals each notice', async () => {
		const appointment = await db
			.selectFrom('appointments')
			.selectAll()
			.where('id', '=', appointmentId)
			.executeTakeFirstOrThrow();
		const start = Date.parse(appointment.start_at);
		clock = new Date(start - 49 * HOUR);
		expect(await run()).toMatchObject({ queued: 0, sent: 0 });
		clock = new Date(start - 47 * HOUR);
		const before = counts();
		// Two runs at the same moment, as two instances would: the lease lets one through.
		const [a, b] = await Promise.all([run(), run()]);
		expect([a?.sent ?? 0, b?.sent ?? 0].sort()).toEqual([0, 3]);
		expect(await run()).toMatchObject({ queued: 0, sent: 0 });
		expect(counts()).toEqual({ mail: before.mail + 1, sms: before.sms + 1, push: before.push + 1 });

		const mail = smtp.received.at(-1)!;
		expect(mail.parsed.subject).toMatch(/^Rappel : votre rendez-vous /);
		expect(mail.parsed.text).toContain('Apportez, si vous les avez');
		const links = [
			...mail.parsed.text!.matchAll(/https:\/\/seniors\.val-de-lierre\.example\/r\/([\w-]{44})/g)
		];
		const purposes = links.map((m) => {
			const claim = readLink(deliverer.linkSecret, m[1]!, clock);
			return typeof claim === 'string' ? claim : claim.purpose;
		});
		expect(purposes).toEqual(['coming', 'cannot', 'callback', 'stopAppointment']);
		const text = sms.received.at(-1)!.content;
		expect(text).toMatch(/^Val-de-Lierre : rappel RDV /);
		expect(text).toMatch(/Répondre : https:\/\/seniors\.val-de-lierre\.example\/r\/[\w-]{44} /);
		expect(sms.received.at(-1)!.unicodeEnabled).toBe(false);
		const journal = await db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.where('subject_id', '=', appointmentId)
			.where('action', '=', 'notice.sent')
			.execute();
		expect(journal.map((j) => j.detail).sort()).toEqual([
			'booked email',
			'booked push',
			// The first SMS to this number says who asked and how to stop (two parts); the
			// reminder, with its link, takes two at most.
			'booked sms 2',
			'reminder email',
			'reminder push',
			expect.stringMatching(/^reminder sms [12]$/)
		]);
	});

	it('sends one message for a booking inside the lead time: the confirmation as its reminder', async () => {
		clock = base;
		const before = counts();
		const [booked] = await send(device, booking(await slot(1), ['email']));
		expect(booked!.status).toBe('applied');
		expect(await run()).toMatchObject({ sent: 1 });
		expect(await run()).toMatchObject({ sent: 0, queued: 0 });
		expect(counts().mail).toBe(before.mail + 1);
		const mail = smtp.received.at(-1)!;
		// Her first word of it: titled as the confirmation it is, not "Rappel".
		expect(mail.parsed.subject).toMatch(/^Rendez-vous confirmé : /);
		expect(mail.parsed.text).toContain('Votre rendez-vous est confirmé. Il a lieu bientôt.');
	});

	it('holds an SMS through the quiet hours until 09:00', async () => {
		clock = new Date(atMinute(communeDay(base), 21 * 60).getTime());
		const [booked] = await send(`device-${randomUUID()}`, booking(await slot(6, 1), ['sms']));
		expect(booked!.status).toBe('applied');
		const before = counts();
		expect(await run()).toMatchObject({ sent: 0, held: 1 });
		clock = new Date(atMinute(addDays(communeDay(clock), 1), 8 * 60 + 59).getTime());
		expect(await run()).toMatchObject({ sent: 0 });
		clock = new Date(atMinute(communeDay(clock), 9 * 60).getTime());
		expect(await run()).toMatchObject({ sent: 1 });
		expect(counts().sms).toBe(before.sms + 1);
	});
});

describe('failures, answers and withdrawal', () => {
	it('tries again later after a refusal that may pass, and gives up on one that will not', async () => {
		clock = base;
		const device = `device-${randomUUID()}`;
		smtp.refuse(451);
		await send(device, booking(await slot(8), ['email']));
		expect(await run()).toMatchObject({ sent: 0, retried: 1 });
		const waiting = await db
			.selectFrom('notices')
			.selectAll()
			.where('status', '=', 'pending')
			.where('channel', '=', 'email')
			.executeTakeFirstOrThrow();
		expect(Date.parse(waiting.next_attempt_at) - clock.getTime()).toBe(60_000);
		expect(waiting.last_error).toMatch(/451/);
		smtp.refuse(null);
		clock = new Date(clock.getTime() + 60_000);
		expect(await run()).toMatchObject({ sent: 1 });

		smtp.refuse(550);
		await send(device, booking(await slot(8, 1), ['email']));
		expect(await run()).toMatchObject({ sent: 0, failed: 1 });
		smtp.refuse(null);
		const failed = await db
			.selectFrom('notices')
			.selectAll()
			.where('status', '=', 'failed')
			.executeTakeFirstOrThrow();
		expect(failed.recipient_masked).toBe('b…@exemple.fr');
		expect(failed.last_error).toMatch(/550/);
	});

	it('refuses a push endpoint outside the allowed push services', async () => {
		const [result] = await send(
			`device-${randomUUID()}`,
			mutation('device.push', {
				subscription: { ...push.subscription(), endpoint: 'https://10.0.0.1/admin' }
			})
		);
		expect(result).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'payload.subscription.endpoint', code: 'pushServiceRefused' }]
		});
	});

	it('asks for an e-mail or a mobile number when she ticks that way to be told', async () => {
		const [result] = await send(
			`device-${randomUUID()}`,
			booking(await slot(9), ['email', 'sms'], { email: '', phone: '05 55 12 34 56' })
		);
		expect(result).toMatchObject({
			status: 'rejected',
			errors: [
				{ field: 'contact.email', code: 'emailNeeded' },
				{ field: 'contact.phone', code: 'mobileNeeded' }
			]
		});
	});

	it('stops what is not sent yet when she withdraws, and tells of a request’s progress', async () => {
		clock = base;
		const device = `device-${randomUUID()}`;
		const [booked] = await send(device, booking(await slot(10), ['email']));
		const [choice] = await send(device, mutation('notices.choose', { notify: [], notices: [] }));
		expect(choice!.status).toBe('applied');
		expect(await run()).toMatchObject({ sent: 0, dropped: 1 });
		const dropped = await db
			.selectFrom('notices')
			.select(['status', 'last_error'])
			.where('subject_id', '=', booked!.recordId!)
			.executeTakeFirstOrThrow();
		expect(dropped).toEqual({ status: 'dropped', last_error: 'withdrawn' });

		const [request] = await send(
			device,
			mutation('request.submit', {
				formId: 'rappel-conseiller',
				formVersion: 1,
				answers: {
					nom: 'Berthe Lucas',
					telephone: '06 12 34 56 78',
					moment: 'matin',
					question: 'Mon secret'
				},
				contact: {
					email: 'berthe@exemple.fr',
					notify: ['email'],
					notices: ['status'],
					language: 'en'
				}
			})
		);
		expect(request!.status).toBe('applied');
		const agent = (await createStaffUser(db, {
			email: `agent-${randomUUID()}@mairie.test`,
			displayName: 'Paul Agent',
			role: 'agent',
			password: 'un mot de passe assez long'
		})) as { id: string };
		const actor = staffIdentity({ id: agent.id, email: 'agent@mairie.test', name: 'Paul Agent' });
		const [moved] = await applyMutations(
			db,
			{ deviceHash: `staff:${agent.id}`, actor },
			[
				mutation('request.setStatus', {
					requestId: request!.recordId,
					from: 'received',
					to: 'in_progress',
					message: 'Nous vous appelons jeudi.'
				})
			],
			clock
		);
		expect(moved!.status).toBe('applied');
		expect(await run()).toMatchObject({ sent: 1 });
		const mail = smtp.received.at(-1)!;
		expect(mail.parsed.subject).toBe(`Your request ${request!.reference}: In progress`);
		expect(mail.parsed.text).toContain('Message from the town hall: Nous vous appelons jeudi.');
		expect(mail.parsed.text).not.toContain('Mon secret');
		expect(mail.parsed.html).toContain('<html lang="en" dir="ltr">');
	});
});

describe('answer links', () => {
	async function remindedAppointment() {
		clock = base;
		const device = `device-${randomUUID()}`;
		const [booked] = await send(device, booking(await slot(1, 2), ['email']));
		await run();
		const mail = smtp.received.at(-1)!;
		const tokens = Object.fromEntries(
			[
				...mail.parsed.text!.matchAll(
					/(Je viendrai|Je ne peux pas venir|Rappelez-moi) : \S+\/r\/([\w-]{44})/g
				)
			].map((m) => [m[1], m[2]!])
		);
		return { id: booked!.recordId!, tokens };
	}
	const row = (id: string) =>
		db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

	it('changes nothing when the page is only opened, and records the answer on its button', async () => {
		const { id, tokens } = await remindedAppointment();
		const view = await linkPage(db, tokens['Rappelez-moi']!, clock);
		expect(view).toMatchObject({
			state: 'open',
			purpose: 'callback',
			appointment: { answer: null }
		});
		expect((await row(id)).answer).toBeNull();
		expect(await actOnLink(db, tokens['Rappelez-moi']!, null, clock)).toBe('callback');
		expect(await actOnLink(db, tokens['Rappelez-moi']!, null, clock)).toBe('callback');
		expect((await row(id)).answer).toBe('callback');
		// A single-purpose link does only its own thing, whatever the form says.
		expect(await actOnLink(db, tokens['Je viendrai']!, 'cannot', clock)).toBe('coming');
		expect((await row(id)).status).toBe('booked');
	});

	it('cancels and frees the place on "Je ne peux pas venir"', async () => {
		const { id, tokens } = await remindedAppointment();
		expect(await actOnLink(db, tokens['Je ne peux pas venir']!, null, clock)).toBe('cannot');
		expect(await row(id)).toMatchObject({ status: 'cancelled', answer: 'cannot' });
		expect(await linkPage(db, tokens['Je viendrai']!, clock)).toMatchObject({ state: 'cancelled' });
		expect(await actOnLink(db, tokens['Je viendrai']!, null, clock)).toBe('closed');
	});

	it('does nothing with an answer from an earlier reminder once the appointment has moved', async () => {
		const { id, tokens } = await remindedAppointment();
		const appointment = await row(id);
		const later = new Date(Date.parse(appointment.start_at) + 30 * 60_000).toISOString();
		await db.updateTable('appointments').set({ start_at: later }).where('id', '=', id).execute();
		expect(await linkPage(db, tokens['Je ne peux pas venir']!, clock)).toMatchObject({
			state: 'moved'
		});
		expect(await actOnLink(db, tokens['Je ne peux pas venir']!, null, clock)).toBe('moved');
		expect(await row(id)).toMatchObject({ status: 'booked', answer: null });
	});

	it('refuses an altered link and tells an expired one apart', async () => {
		const { tokens } = await remindedAppointment();
		const token = tokens['Je viendrai']!;
		const altered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
		expect(await linkPage(db, altered, clock)).toEqual({ state: 'invalid' });
		expect(await actOnLink(db, altered, null, clock)).toBe('invalid');
		expect(await linkPage(db, 'not-a-token', clock)).toEqual({ state: 'invalid' });
		const later = new Date(clock.getTime() + 30 * 24 * HOUR);
		expect(await linkPage(db, token, later)).toEqual({ state: 'expired' });
		expect(await actOnLink(db, token, null, later)).toBe('expired');
	});
});

describe('letters', () => {
	it('lists a notice by post with her name and address, once, until printed', async () => {
		clock = base;
		const device = `device-${randomUUID()}`;
		const [booked] = await send(
			device,
			booking(await slot(11), ['post'], { address: '12 rue des Écoles, 87990 Val-de-Lierre' })
		);
		expect(booked!.status).toBe('applied');
		// The sender leaves letters to the office, once an agent has approved them.
		await run();
		expect(
			(await pendingLetters(db, clock)).filter((l) => l.id.startsWith(booked!.recordId!))
		).toEqual([]);
		expect(await decideLetters(db, booked!.recordId!, true, 'agent-1', clock)).toBe(1);
		const letters = await pendingLetters(db, clock);
		const mine = letters.filter((l) => l.address === '12 rue des Écoles, 87990 Val-de-Lierre');
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({ name: 'Berthe Lucas', language: 'fr' });
		expect(mine[0]!.paragraphs.join('\n')).toContain('Pour nous dire si vous venez');
		expect(await markLettersPrinted(db, [mine[0]!.id], 'agent-1', clock)).toBe(1);
		expect(await markLettersPrinted(db, [mine[0]!.id], 'agent-1', clock)).toBe(0);
		expect((await pendingLetters(db, clock)).filter((l) => l.id === mine[0]!.id)).toEqual([]);

		// A week before (the post takes days), its reminder letter; the e-mails wait for 48 hours.
		const start = Date.parse(
			(
				await db
					.selectFrom('appointments')
					.select('start_at')
					.where('id', '=', booked!.recordId!)
					.executeTakeFirstOrThrow()
			).start_at
		);
		clock = new Date(start - 6 * 24 * HOUR);
		await run();
		const reminders = (await pendingLetters(db, clock)).filter((l) =>
			l.id.startsWith(booked!.recordId!)
		);
		expect(reminders).toHaveLength(1);
		expect(reminders[0]!.subject).toMatch(/^Rappel : /);
		clock = base;
	});

	it('prints one letter for a booking inside the letters’ lead time, worded as its confirmation', async () => {
		clock = base;
		const [booked] = await send(
			`device-${randomUUID()}`,
			booking(await slot(4, 3), ['post', 'email'], {
				address: '3 impasse des Lilas, 87990 Val-de-Lierre'
			})
		);
		const before = smtp.received.length;
		await run();
		await decideLetters(db, booked!.recordId!, true, 'agent-1', clock);
		// The e-mail is a confirmation (the appointment is four days away), the letter its reminder.
		expect(smtp.received.length).toBe(before + 1);
		expect(smtp.received.at(-1)!.parsed.subject).toMatch(/^Rendez-vous confirmé/);
		const letters = (await pendingLetters(db, clock)).filter((l) =>
			l.id.startsWith(booked!.recordId!)
		);
		expect(letters).toHaveLength(1);
		expect(letters[0]!.paragraphs).toContain('Votre rendez-vous est confirmé. Il a lieu bientôt.');
		await run();
		expect(
			(await pendingLetters(db, clock)).filter((l) => l.id.startsWith(booked!.recordId!))
		).toHaveLength(1);
	});
});
