/**
 * An agent at his desk acts for a caller (issue 24, §1): he books, moves and cancels anyone's
 * appointment with the same slots and locks as her tablet, and her tablet sees what he did.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Mutation } from '$lib/contract/outbox';
import { importCatalogueFile } from '../catalogue/import';
import { applyMutations } from '../outbox/apply';
import { staffIdentity } from '$tests/support/fixtures';
import { tempDatabase } from '$tests/support/temp-db';
import { freeSlots } from './slots';
import { communeDay } from '$lib/time/commune-time';
import { addDays } from '../time';

const SERVICE = 'aide-numerique-individuelle';
const TYPE = 'numerique-seance';

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

const agent = staffIdentity({ id: randomUUID(), email: 'agent@mairie.test', name: 'Paul Agent' });
const tablet = `device-${randomUUID()}`;

const mutation = (type: Mutation['type'], payload: object): Mutation => ({
	id: randomUUID(),
	type,
	createdAt: new Date().toISOString(),
	payload
});

async function send(from: 'tablet' | 'agent' | 'stranger', m: Mutation) {
	const sender =
		from === 'agent'
			? { deviceHash: `staff:${agent.id}`, actor: agent }
			: { deviceHash: from === 'tablet' ? tablet : `device-${randomUUID()}` };
	const [result] = await applyMutations(db, sender, [m], new Date());
	return result!;
}

async function times() {
	const today = communeDay();
	const slots = await freeSlots(db, {
		serviceId: SERVICE,
		appointmentTypeId: TYPE,
		fromDay: addDays(today, 3),
		toDay: addDays(today, 20),
		now: new Date()
	});
	return slots.map((s) => s.start);
}

const row = (id: string) =>
	db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('an agent acting for a caller', () => {
	it('moves and cancels the appointment her tablet booked, with the reason she reads', async () => {
		const [first, second] = await times();
		const booking = mutation('appointment.book', {
			serviceId: SERVICE,
			appointmentTypeId: TYPE,
			start: first,
			contact: { name: 'Rose Valentin', phone: '06 12 34 56 78' }
		});
		expect((await send('tablet', booking)).status).toBe('applied');
		const before = await row(booking.id);

		const move = mutation('appointment.reschedule', { appointmentId: booking.id, start: second });
		// A stranger's tablet cannot; the agent can, and it stays hers (her tablet syncs it).
		expect((await send('stranger', move)).errors?.[0]?.code).toBe('unknownAppointment');
		expect((await send('agent', { ...move, id: randomUUID() })).status).toBe('applied');
		const moved = await row(booking.id);
		expect(Date.parse(moved.start_at)).toBe(Date.parse(second!));
		expect(moved.device_hash).toBe(tablet);
		expect(moved.version).toBeGreaterThan(before.version);
		expect(moved.letters_approved_at).not.toBeNull();

		const cancel = mutation('appointment.cancelByOffice', {
			appointmentId: booking.id,
			reason: '  Annulé à sa demande, par téléphone  '
		});
		// Her tablet may not cancel "for the office" (its words would be the commune's).
		expect((await send('tablet', cancel)).errors?.[0]?.code).toBe('staffOnly');
		expect((await send('agent', { ...cancel, id: randomUUID() })).status).toBe('applied');
		const cancelled = await row(booking.id);
		expect(cancelled).toMatchObject({
			status: 'cancelled',
			status_message: 'Annulé à sa demande, par téléphone'
		});
		// She was told each time, on the ways she chose (none here: the office calls her).
		const notices = await db
			.selectFrom('notices')
			.select('kind')
			.where('subject_id', '=', booking.id)
			.execute();
		expect(notices.every((n) => ['booked', 'changed', 'cancelled'].includes(n.kind))).toBe(true);
	});

	it('needs a reason to cancel, and says so field by field', async () => {
		const result = await send(
			'agent',
			mutation('appointment.cancelByOffice', { appointmentId: randomUUID(), reason: '   ' })
		);
		expect(result).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'payload.reason', code: 'invalidFormat' }]
		});
		const unknown = await send(
			'agent',
			mutation('appointment.cancelByOffice', { appointmentId: randomUUID(), reason: 'Absent' })
		);
		expect(unknown.errors?.[0]?.code).toBe('unknownAppointment');
	});

	it('records a call agreed on the phone with its change, or neither', async () => {
		const [first, second] = await times();
		const booking = mutation('appointment.book', {
			serviceId: SERVICE,
			appointmentTypeId: TYPE,
			start: first,
			contact: { name: 'Rose Valentin', phone: '06 12 34 56 78' }
		});
		await send('tablet', booking);
		const calls = () =>
			db
				.selectFrom('calls')
				.select('outcome')
				.where('appointment_id', '=', booking.id)
				.execute()
				.then((rows) => rows.map((r) => r.outcome));
		const move = (start: string | undefined) =>
			mutation('appointment.reschedule', { appointmentId: booking.id, start, duringCall: true });

		// Her tablet records no call; a time never offered moves nothing and records no call.
		expect((await send('tablet', move(second))).errors?.[0]).toMatchObject({
			field: 'payload.duringCall',
			code: 'staffOnly'
		});
		expect((await send('agent', move('2000-01-03T09:00:00.000Z'))).status).not.toBe('applied');
		expect(await calls()).toEqual([]);

		expect((await send('agent', move(second))).status).toBe('applied');
		expect(await calls()).toEqual(['rescheduled']);

		// The reason goes out under the commune's name: one line, no web address.
		for (const reason of ['Voir www.exemple.com', 'Absente\nRappeler']) {
			const refused = await send(
				'agent',
				mutation('appointment.cancelByOffice', {
					appointmentId: booking.id,
					reason,
					duringCall: true
				})
			);
			expect(refused.errors?.[0]?.field).toBe('payload.reason');
		}
		expect((await row(booking.id)).status).toBe('booked');
		expect(await calls()).toEqual(['rescheduled']);

		const cancel = mutation('appointment.cancelByOffice', {
			appointmentId: booking.id,
			reason: 'Elle ne peut pas venir',
			duringCall: true
		});
		expect((await send('agent', cancel)).status).toBe('applied');
		expect((await row(booking.id)).status).toBe('cancelled');
		expect((await calls()).sort()).toEqual(['cancelled', 'rescheduled']);
	});

	it('two agents moving one appointment at once: it ends at one time, the other keeps its places', async () => {
		const [a, b, c] = await times();
		const booking = mutation('appointment.book', {
			serviceId: SERVICE,
			appointmentTypeId: TYPE,
			start: a,
			contact: { name: 'Rose Valentin', phone: '06 12 34 56 78' }
		});
		await send('agent', booking);
		const places = async () =>
			new Map(
				(
					await freeSlots(db, {
						serviceId: SERVICE,
						appointmentTypeId: TYPE,
						fromDay: addDays(communeDay(), 3),
						toDay: addDays(communeDay(), 20),
						now: new Date(),
						includeFull: true
					})
				).map((s) => [Date.parse(s.start), s.remaining])
			);
		const before = await places();
		const results = await Promise.all(
			[b, c].map((start) =>
				send('agent', mutation('appointment.reschedule', { appointmentId: booking.id, start }))
			)
		);
		expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
		// One after the other under the appointment's lock: it holds one place, at one time.
		const final = Date.parse((await row(booking.id)).start_at);
		const other = [b, c].map((s) => Date.parse(s!)).find((s) => s !== final)!;
		const after = await places();
		expect(after.get(final)).toBe(before.get(final)! - 1);
		expect(after.get(other)).toBe(before.get(other));
		expect(after.get(Date.parse(a!))).toBe(before.get(Date.parse(a!))! + 1);
	});
});
