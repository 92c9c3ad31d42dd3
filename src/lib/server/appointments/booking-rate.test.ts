/**
 * An unusual rate of bookings from new tablets (issue 22, §5): past it, new tablets are asked to
 * phone for the rest of the hour, tablets known for longer and agents book as usual, and the
 * staff area names the service.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { communeDay } from '$lib/time/commune-time';
import { importCatalogueFile } from '../catalogue/import';
import { applyMutations } from '../outbox/apply';
import { tempDatabase } from '$tests/support/temp-db';
import { addDays } from '../time';
import { bookingAlerts } from './booking-rate';
import { freeSlots } from './slots';

const SERVICE = 'france-services-rdv';
const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());
afterEach(() => delete process.env.QUOTA_NEW_DEVICE_BOOKINGS_PER_HOUR);

let slots: string[] = [];
async function slot() {
	if (slots.length === 0) {
		const today = communeDay();
		slots = (
			await freeSlots(db, {
				serviceId: SERVICE,
				fromDay: addDays(today, 1),
				toDay: addDays(today, 30),
				now: new Date()
			})
		).map((s) => s.start);
	}
	return slots.shift()!;
}

/** A booking from a tablet first seen `age` ago, from its own address. */
async function bookFrom(device: string, seenAt: Date) {
	await db
		.insertInto('devices')
		.values({
			key_hash: device,
			created_at: seenAt.toISOString(),
			last_seen_at: seenAt.toISOString()
		})
		.onConflict((oc) => oc.column('key_hash').doNothing())
		.execute();
	const [result] = await applyMutations(
		db,
		{ deviceHash: device, address: `203.0.113.${Math.floor(Math.random() * 250)}` },
		[
			{
				id: randomUUID(),
				type: 'appointment.book',
				createdAt: new Date().toISOString(),
				payload: {
					serviceId: SERVICE,
					appointmentTypeId: 'france-services-45',
					start: await slot(),
					contact: { name: 'Rose Valentin', phone: '06 12 34 56 78' }
				}
			}
		],
		new Date()
	);
	return result!;
}

describe('an unusual rate of bookings from new tablets', () => {
	it('asks new tablets to phone past it, lets known ones book, and alerts the office', async () => {
		process.env.QUOTA_NEW_DEVICE_BOOKINGS_PER_HOUR = '3';
		const now = new Date();
		for (let i = 0; i < 3; i++) {
			expect((await bookFrom(`new-${randomUUID()}`, now)).status).toBe('applied');
		}
		expect(await bookingAlerts(db)).toEqual([]);
		const fourth = await bookFrom(`new-${randomUUID()}`, now);
		expect(fourth).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'quota', code: 'quotaBusy' }]
		});
		expect(fourth.errors![0]!.message).toContain('05 36 49 10 00');
		// A tablet the portal has known for a week books as usual.
		const known = await bookFrom(`known-${randomUUID()}`, new Date(now.getTime() - 7 * 86_400_000));
		expect(known.status).toBe('applied');
		expect(await bookingAlerts(db)).toEqual([{ serviceId: SERVICE, count: 4 }]);
	});
});
