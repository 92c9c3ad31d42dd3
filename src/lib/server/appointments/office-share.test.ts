/**
 * The office's share of a day (issue 22, §5): devices, however many and from however many
 * addresses, book at most the devices' part of a day's places until two days before it; an agent
 * books from all of them, for someone who phones.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { communeDay } from '$lib/time/commune-time';
import { importCatalogueFile } from '../catalogue/import';
import { serverConfig } from '../config';
import { applyMutations } from '../outbox/apply';
import { staffIdentity } from '$tests/support/fixtures';
import { tempDatabase } from '$tests/support/temp-db';
import { addDays, atMinute, weekdayOf } from '../time';
import { freeSlots, type DeviceShare } from './slots';

const SERVICE = 'aide-numerique-individuelle';
const TYPE = 'numerique-seance';
const HOUR = 3_600_000;

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

/** The n-th Saturday from four days on: one period, 10:00 to 12:00, one person at a time. */
function saturday(n: number) {
	let day = addDays(communeDay(), 4);
	while (weekdayOf(day) !== 6) day = addDays(day, 1);
	return addDays(day, 7 * n);
}
const at = (day: string, hour: number) => atMinute(day, hour * 60).toISOString();

async function book(
	start: string,
	now = new Date(),
	actor = null as ReturnType<typeof staffIdentity> | null
) {
	const [result] = await applyMutations(
		db,
		{ deviceHash: actor ? `staff:${actor.id}` : `device-${randomUUID()}`, actor },
		[
			{
				id: randomUUID(),
				type: 'appointment.book',
				createdAt: now.toISOString(),
				payload: {
					serviceId: SERVICE,
					appointmentTypeId: TYPE,
					start,
					contact: { name: 'Rose Valentin', phone: '06 12 34 56 78' }
				}
			}
		],
		now
	);
	return result!;
}

/** The times a tablet (or, with null, the office) is offered that day. */
const visible = async (
	day: string,
	forDevice: DeviceShare | null = serverConfig.officeShare,
	now = new Date()
) => {
	const slots = await freeSlots(db, {
		serviceId: SERVICE,
		fromDay: day,
		toDay: day,
		now,
		forDevice: forDevice ?? undefined
	});
	return slots.map((s) => s.start.slice(11, 16));
};

describe('the office’s share of a day', () => {
	it('stops devices at their part of the day, and lets an agent book the rest', async () => {
		const day = saturday(0);
		expect(await visible(day)).toEqual(['10:00', '11:00']);
		expect((await book(at(day, 10))).status).toBe('applied');
		// 120 minutes of places, a quarter kept: a second hour from a device is one too many.
		expect(await visible(day)).toEqual([]);
		const second = await book(at(day, 11));
		expect(second).toMatchObject({ status: 'conflict', errors: [{ code: 'slotTaken' }] });
		expect(second.alternatives?.some((a) => a.start.startsWith(day))).toBe(false);
		// The office sees the place, and an agent books it for a caller.
		expect(await visible(day, null)).toEqual(['11:00']);
		const agent = staffIdentity({ id: randomUUID(), email: 'agent@mairie.test', name: 'Paul' });
		expect((await book(at(day, 11), new Date(), agent)).status).toBe('applied');
	});

	it('gives the office’s share to everyone two days before the day', async () => {
		const day = saturday(1);
		expect((await book(at(day, 10))).status).toBe('applied');
		const early = new Date(Date.parse(at(day, 11)) - 3 * 24 * HOUR);
		expect((await book(at(day, 11), early)).status).toBe('conflict');
		const late = new Date(Date.parse(at(day, 11)) - 40 * HOUR);
		expect(await visible(day, serverConfig.officeShare, late)).toEqual(['11:00']);
		expect((await book(at(day, 11), late)).status).toBe('applied');
	});
});
