/**
 * The sending budgets (issue 22), attacked as the security review did: through the outbox's
 * HTTP entry point, with the sender delivering to a real SMTP server and the SMS provider's
 * stand-in. Whatever a device (or many) sends, the messages handed over stay within the budgets.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/open';
import { apiHarness } from '$tests/support/api-harness';
import { smsPeer, smtpPeer } from '$tests/support/notice-peers';
import type { Deliverer } from './delivery';

// The harness points the server at its own data folder first: what reads the settings comes after.
const api = await apiHarness();
const { deliverDue } = await import('./delivery');
const { decideLetters, pendingLetters } = await import('./letters');
const { actOnLink } = await import('./link-page');
const { signLink } = await import('./links');
const { heldCounts, releaseHeld, unconfiguredChannels } = await import('./overview');
const { makeDeliverer } = await import('./sender');
const { noticeSettings } = await import('./settings');

const SERVICE = 'rendez-vous-conseillere-sociale';
const OFFICE = 'ccas-bureau';
const MINUTE = 60_000;

const smtp = await smtpPeer();
const sms = await smsPeer('brevo-test-key');
let db: Db;
let deliverer: Deliverer & { close(): void };
/** The sender's clock runs ahead of the outbox's (real time) to pass a change's quiet time. */
let ahead = 0;
const run = () => deliverDue(db, deliverer, () => new Date(Date.now() + ahead));

const env = {
	SMTP_URL: smtp.url,
	SMS_API_URL: sms.url,
	SMS_API_KEY: 'brevo-test-key',
	SMS_SENDER: 'ValDeLierre',
	SMS_QUIET_HOURS: 'off',
	PUBLIC_URL: 'https://seniors.val-de-lierre.example'
};

beforeAll(async () => {
	db = await api.database();
	deliverer = await makeDeliverer(db, noticeSettings(env));
});

afterAll(async () => {
	deliverer.close();
	await Promise.all([smtp.close(), sms.close()]);
});

let slots: string[] = [];
/** A free slot no other test of this file took. */
async function freeSlot(): Promise<string> {
	if (slots.length === 0) {
		const answer = await api.freeSlots(SERVICE);
		slots = answer.slots
			.filter((s) => s.appointmentTypeId === OFFICE && s.remaining > 0)
			.map((s) => s.start)
			// Far enough that no reminder is due: only confirmations and changes are counted here.
			.filter((start) => Date.parse(start) > Date.now() + 3 * 24 * 60 * MINUTE);
	}
	return slots.shift()!;
}

const mutation = (type: string, payload: object) => ({
	id: randomUUID(),
	type,
	payload,
	createdAt: new Date().toISOString()
});

type Result = { id: string; status: string; recordId?: string; errors?: { code: string }[] };

async function send(key: string, mutations: object[]): Promise<Result[]> {
	const results: Result[] = [];
	for (let i = 0; i < mutations.length; i += 100) {
		const response = await api.post({ mutations: mutations.slice(i, i + 100) }, key);
		expect(response.status).toBe(200);
		results.push(...(await response.json()).results);
	}
	return results;
}

const deviceKey = () => randomBytes(32).toString('base64url');

function booking(start: string, contact: object) {
	return mutation('appointment.book', {
		serviceId: SERVICE,
		appointmentTypeId: OFFICE,
		start,
		contact: { name: 'Berthe Lucas', phone: '06 12 34 56 78', ...contact }
	});
}

const smsTo = (number: string) => sms.received.filter((s) => s.recipient === number).length;
const mailTo = (address: string) =>
	smtp.received.filter((m) => m.to.toLowerCase() === address.toLowerCase()).length;

describe('one device, one recipient', () => {
	it('refuses an SMS abroad outside SMS_COUNTRIES, at once, with a plain reason', async () => {
		const [result] = await send(deviceKey(), [
			booking(await freeSlot(), { phone: '+1 268 464 1234', notify: ['sms'] })
		]);
		expect(result).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'contact.phone', code: 'smsCountryRefused' }]
		});
		expect(smsTo('12684641234')).toBe(0);
	});

	it('refuses a name or an address that would carry a stranger’s words under the commune’s name', async () => {
		const [lure, lines] = await send(deviceKey(), [
			booking(await freeSlot(), {
				name: 'Votre remboursement : ameli-remboursement.com',
				email: 'cible@exemple.fr',
				notify: ['email']
			}),
			booking(await freeSlot(), {
				address: '1 rue X\n2\n3\n4\nAppelez le 0899 00 00 00',
				notify: ['post']
			})
		]);
		expect(lure).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'contact.name', code: 'noWebAddress' }]
		});
		expect(lines).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'contact.address', code: 'oneLine' }]
		});
	});

	it('sends a booking and 500 changes of time as two SMS: the confirmation and the latest time', async () => {
		const key = deviceKey();
		const victim = '33611223344';
		const [booked] = await send(key, [
			booking(await freeSlot(), { phone: '06 11 22 33 44', notify: ['sms'] })
		]);
		expect(booked!.status).toBe('applied');
		await run();
		expect(smsTo(victim)).toBe(1);
		// The review's attack: 500 moves between two free times, in batches of 100.
		const times = [await freeSlot(), await freeSlot()];
		const moves = Array.from({ length: 500 }, (_, i) =>
			mutation('appointment.reschedule', {
				appointmentId: booked!.recordId,
				start: times[i % 2]
			})
		);
		const results = await send(key, moves);
		const applied = results.filter((r) => r.status === 'applied').length;
		// Bookings, moves and cancellations per device and day (QUOTA_APPOINTMENT_CHANGES_PER_DAY).
		expect(applied).toBe(9);
		expect(results.at(-1)!.errors).toEqual([expect.objectContaining({ code: 'quotaChanges' })]);
		// Within the quiet time, nothing goes; after it, one message tells the latest time.
		expect(await run()).toMatchObject({ sent: 0 });
		ahead = 6 * MINUTE;
		await run();
		await run();
		ahead = 0;
		expect(smsTo(victim)).toBe(2);
		expect(sms.received.at(-1)!.content).toMatch(/chang|modifi/i);
	});

	it('caps the change notices of one appointment a day, however they are spaced', async () => {
		const key = deviceKey();
		const address = `cap-${randomUUID().slice(0, 8)}@exemple.fr`;
		const [booked] = await send(key, [
			booking(await freeSlot(), { email: address, notify: ['email'] })
		]);
		await run();
		const times = [await freeSlot(), await freeSlot()];
		for (let i = 0; i < 6; i++) {
			// Each change waits its quiet time out before the next: none is coalesced.
			const [moved] = await send(key, [
				mutation('appointment.reschedule', {
					appointmentId: booked!.recordId,
					start: times[i % 2]
				})
			]);
			expect(moved!.status).toBe('applied');
			ahead = 6 * MINUTE;
			await run();
			ahead = 0;
		}
		// The confirmation and three changes (NOTICE_CHANGES_PER_APPOINTMENT); the rest shows on
		// her tablet, in "Mes rendez-vous".
		expect(mailTo(address)).toBe(4);
		// The first message to this new address says who asked and how to stop; the next ones not.
		const texts = smtp.received
			.filter((m) => m.to.toLowerCase() === address)
			.map((m) => m.parsed.text ?? '');
		expect(texts.map((t) => t.includes('a été pris sur le portail de la mairie'))).toEqual([
			true,
			false,
			false,
			false
		]);
		const dropped = await db
			.selectFrom('notices')
			.select('last_error')
			.where('subject_id', '=', booked!.recordId!)
			.where('status', '=', 'dropped')
			.execute();
		expect(dropped.map((d) => d.last_error)).toEqual(Array(3).fill('appointmentBudget'));
	});

	it('sends one recipient at most its day’s budget, whichever devices ask', async () => {
		const victim = '33622334455';
		const address = `victim-${randomUUID().slice(0, 8)}@exemple.fr`;
		// Twelve devices, each on its own address, each booking once for the same person.
		for (let i = 0; i < 12; i++) {
			const [booked] = await send(deviceKey(), [
				booking(await freeSlot(), {
					phone: '+33 6 22 33 44 55',
					email: address.toUpperCase(),
					notify: ['sms', 'email']
				})
			]);
			expect(booked!.status).toBe('applied');
		}
		await run();
		const { recipientDay } = noticeSettings(env).budgets;
		expect(smsTo(victim)).toBe(recipientDay);
		// The address counts whatever its spelling (capitals): one recipient.
		expect(mailTo(address)).toBe(recipientDay);
	});

	it('stops a recipient for good on "ne plus recevoir", not only that appointment', async () => {
		const address = `stop-${randomUUID().slice(0, 8)}@exemple.fr`;
		const [first] = await send(deviceKey(), [
			booking(await freeSlot(), { email: address, notify: ['email'] })
		]);
		await run();
		expect(mailTo(address)).toBe(1);
		const token = signLink(deliverer.linkSecret, {
			subjectId: first!.recordId!,
			purpose: 'stopAppointment',
			expiresAt: new Date(Date.now() + 86_400_000)
		});
		expect(await actOnLink(db, token, null)).toBe('stop');
		// Another device books for the same address: nothing goes to it any more.
		await send(deviceKey(), [booking(await freeSlot(), { email: address, notify: ['email'] })]);
		expect(await run()).toMatchObject({ sent: 0, dropped: 1 });
		expect(mailTo(address)).toBe(1);
	});
});

describe('the portal’s day and the letters', () => {
	it('holds SMS past SMS_DAILY_MAX until an agent releases them', async () => {
		const today = await db
			.selectFrom('quota_counters')
			.select('count')
			.where('key', 'like', 'daily:sms:%')
			.executeTakeFirst();
		const capped = await makeDeliverer(
			db,
			noticeSettings({ ...env, SMS_DAILY_MAX: String(Number(today?.count ?? 0) + 1) })
		);
		for (const phone of ['06 33 44 55 01', '06 33 44 55 02', '06 33 44 55 03']) {
			await send(deviceKey(), [booking(await freeSlot(), { phone, notify: ['sms'] })]);
		}
		const before = sms.received.length;
		expect(await deliverDue(db, capped)).toMatchObject({ sent: 1, overBudget: 2 });
		expect(sms.received.length).toBe(before + 1);
		expect(await heldCounts(db)).toEqual([{ channel: 'sms', count: 2 }]);
		// Held, they wait: a later run sends nothing until an agent lets them go.
		expect(await deliverDue(db, capped)).toMatchObject({ sent: 0 });
		expect(await releaseHeld(db, 'sms', 'agent-1')).toBe(2);
		expect(await deliverDue(db, capped)).toMatchObject({ sent: 2 });
		expect(sms.received.length).toBe(before + 3);
		capped.close();
	});

	it('says which channels are not set up, and how many of their messages wait', async () => {
		expect(await unconfiguredChannels(db, noticeSettings(env))).toEqual([]);
		const noSms = noticeSettings({ ...env, SMS_API_KEY: '' });
		await send(deviceKey(), [
			booking(await freeSlot(), { phone: '06 33 44 55 09', notify: ['sms'] })
		]);
		const dark = await makeDeliverer(db, noSms);
		await deliverDue(db, dark);
		dark.close();
		const [off] = await unconfiguredChannels(db, noSms);
		expect(off).toEqual({ channel: 'sms', waiting: expect.any(Number) });
		// Kept, not lost: the confirmation just booked waits for the channel to be set up.
		expect(off!.waiting).toBeGreaterThanOrEqual(1);
		expect(
			(await unconfiguredChannels(db, { email: null, sms: null })).map((c) => c.channel)
		).toEqual(['email', 'sms']);
		expect(await run()).toMatchObject({ failed: 0 });
	});

	it('puts a letter on the print list only once an agent has approved it', async () => {
		const key = deviceKey();
		const bookings = [];
		for (let i = 0; i < 20; i++) {
			bookings.push(
				booking(await freeSlot(), {
					address: `${i} rue des Lilas, 87990 Val-de-Lierre`,
					notify: ['post']
				})
			);
		}
		// Two per service and device (QUOTA_APPOINTMENTS_PER_SERVICE): the rest are refused.
		const results = await send(key, bookings);
		const applied = results.filter((r) => r.status === 'applied');
		expect(applied.length).toBe(2);
		await run();
		const printable = async () =>
			(await pendingLetters(db)).filter((l) => l.address.includes('rue des Lilas'));
		expect(await printable()).toEqual([]);
		expect(await decideLetters(db, applied[0]!.recordId!, true, 'agent-1')).toBe(1);
		expect(await decideLetters(db, applied[1]!.recordId!, false, 'agent-1')).toBe(1);
		expect((await printable()).map((l) => l.address)).toEqual([
			'0 rue des Lilas, 87990 Val-de-Lierre'
		]);
	});
});
