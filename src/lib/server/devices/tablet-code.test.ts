/**
 * "Le code de ma tablette" (issue 24): an agent booking for a caller with the code her tablet
 * shows makes the booking hers, on that tablet; codes expire, are not shared between tablets,
 * only agents may use them, and an agent's tries are bounded.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { communeDay } from '$lib/time/commune-time';
import { importCatalogueFile } from '../catalogue/import';
import { applyMutations } from '../outbox/apply';
import { staffIdentity } from '$tests/support/fixtures';
import { tempDatabase } from '$tests/support/temp-db';
import { addDays, atMinute, weekdayOf } from '../time';
import { ownRecords } from './own-records';
import {
	CODES_PER_HOUR,
	TABLET_CODE_MINUTES,
	TRIES_PER_HOUR,
	issueTabletCode,
	readTabletCode
} from './tablet-code';
import type { StaffIdentity } from '../staff/sessions';

const SERVICE = 'aide-numerique-individuelle';
const TYPE = 'numerique-seance';

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

const agent = (name = 'Paul') =>
	staffIdentity({ id: randomUUID(), email: `${randomUUID()}@mairie.test`, name });

/** A Saturday a week or more ahead, at 10:00 or 11:00 (one person at a time). */
function slot(weeks: number, hour: 10 | 11) {
	let day = addDays(communeDay(), 4);
	while (weekdayOf(day) !== 6) day = addDays(day, 1);
	return atMinute(addDays(day, 7 * weeks), hour * 60).toISOString();
}

const codeFor = (device: string, now = new Date()) =>
	db.transaction().execute((trx) => issueTabletCode(trx, device, now));

async function bookWith(
	actor: StaffIdentity,
	start: string,
	tabletCode?: string,
	now = new Date()
) {
	const [result] = await applyMutations(
		db,
		{ deviceHash: actor.mode === 'staff' ? `staff:${actor.id}` : 'device-x', actor },
		[
			{
				id: randomUUID(),
				type: 'appointment.book',
				createdAt: now.toISOString(),
				payload: {
					serviceId: SERVICE,
					appointmentTypeId: TYPE,
					start,
					contact: { name: 'Odette Caron', phone: '06 21 43 65 87' },
					...(tabletCode === undefined ? {} : { tabletCode })
				}
			}
		],
		now
	);
	return result!;
}

describe('the code of her tablet', () => {
	it('reads a code as she says it, grouped or not, and nothing else', () => {
		expect(readTabletCode('482 913')).toBe('482913');
		expect(readTabletCode(' 482913 ')).toBe('482913');
		expect(readTabletCode('48-29-13')).toBe('482913');
		expect(readTabletCode('48291')).toBeNull();
		expect(readTabletCode('4829134')).toBeNull();
		expect(readTabletCode('48291a')).toBeNull();
	});

	it('makes an agent’s booking hers: on her tablet’s list, never on another’s', async () => {
		const tablet = `device-${randomUUID()}`;
		const other = `device-${randomUUID()}`;
		const issued = await codeFor(tablet);
		await codeFor(other);
		if ('refused' in issued) throw new Error('refused');
		expect(issued.code).toMatch(/^\d{6}$/);
		expect(Date.parse(issued.expiresAt) - Date.now()).toBeGreaterThan(
			(TABLET_CODE_MINUTES - 1) * 60_000
		);
		const paul = agent();
		const start = slot(1, 10);
		const booked = await bookWith(
			paul,
			start,
			`${issued.code.slice(0, 3)} ${issued.code.slice(3)}`
		);
		expect(booked.status).toBe('applied');
		const mine = await ownRecords(db, tablet);
		expect(mine.appointments.map((a) => a.id)).toEqual([booked.recordId]);
		expect(mine.appointments[0]!.contact.name).toBe('Odette Caron');
		expect((await ownRecords(db, other)).appointments).toEqual([]);
		// Booked for the office, journaled as given her tablet's code.
		const row = await db
			.selectFrom('appointments')
			.select(['booked_by', 'letters_approved_at'])
			.where('id', '=', booked.recordId!)
			.executeTakeFirstOrThrow();
		expect(row.booked_by).toBe(paul.id);
		const journal = await db
			.selectFrom('audit_log')
			.select('action')
			.where('subject_id', '=', booked.recordId!)
			.execute();
		expect(journal.map((j) => j.action)).toEqual(['appointment.bookedForTablet']);
		// A second booking in the same call uses the same code.
		expect((await bookWith(paul, slot(1, 11), issued.code)).status).toBe('applied');
		expect((await ownRecords(db, tablet)).appointments).toHaveLength(2);
	});

	it('refuses a code mistyped, expired or replaced, and books nothing', async () => {
		const tablet = `device-${randomUUID()}`;
		const paul = agent();
		const first = await codeFor(tablet, new Date(Date.now() - 11 * 60_000));
		if ('refused' in first) throw new Error('refused');
		const field = (r: Awaited<ReturnType<typeof bookWith>>) =>
			r.errors?.map((e) => `${e.field}:${e.code}`);
		expect(field(await bookWith(paul, slot(2, 10), first.code))).toEqual([
			'tabletCode:tabletCodeUnknown'
		]);
		expect(field(await bookWith(paul, slot(2, 10), '12 34'))).toEqual([
			'tabletCode:tabletCodeFormat'
		]);
		const second = await codeFor(tablet);
		const third = await codeFor(tablet);
		if ('refused' in second || 'refused' in third) throw new Error('refused');
		if (second.code !== third.code) {
			expect(field(await bookWith(paul, slot(2, 10), second.code))).toEqual([
				'tabletCode:tabletCodeUnknown'
			]);
		}
		expect((await ownRecords(db, tablet)).appointments).toEqual([]);
		expect((await bookWith(paul, slot(2, 10), third.code)).status).toBe('applied');
	});

	it('lets only an agent at his desk give a code: not her tablet, not an agent beside her', async () => {
		const tablet = `device-${randomUUID()}`;
		const issued = await codeFor(tablet);
		if ('refused' in issued) throw new Error('refused');
		const beside = staffIdentity(
			{ id: randomUUID(), email: 'x@mairie.test', name: 'X' },
			'assisted'
		);
		const [fromDevice] = await applyMutations(
			db,
			{ deviceHash: `device-${randomUUID()}` },
			[
				{
					id: randomUUID(),
					type: 'appointment.book',
					createdAt: new Date().toISOString(),
					payload: {
						serviceId: SERVICE,
						appointmentTypeId: TYPE,
						start: slot(3, 10),
						contact: { name: 'Intrus', phone: '06 00 00 00 00' },
						tabletCode: issued.code
					}
				}
			],
			new Date()
		);
		expect(fromDevice!.errors?.map((e) => e.code)).toEqual(['staffOnly']);
		expect((await bookWith(beside, slot(3, 10), issued.code)).errors?.map((e) => e.code)).toEqual([
			'staffOnly'
		]);
		expect((await ownRecords(db, tablet)).appointments).toEqual([]);
	});

	it('bounds an agent’s tries in an hour, counted even when simultaneous', async () => {
		const paul = agent();
		const wrong = () => bookWith(paul, slot(4, 10), '000000');
		const results = await Promise.all(Array.from({ length: TRIES_PER_HOUR + 3 }, wrong));
		const codes = results.flatMap((r) => r.errors?.map((e) => e.code) ?? []);
		expect(codes.filter((c) => c === 'tabletCodeTries')).toHaveLength(3);
		// Even the right code waits for the next hour.
		const tablet = `device-${randomUUID()}`;
		const issued = await codeFor(tablet);
		if ('refused' in issued) throw new Error('refused');
		expect((await bookWith(paul, slot(4, 10), issued.code)).errors?.[0]?.code).toBe(
			'tabletCodeTries'
		);
		expect((await bookWith(agent(), slot(4, 10), issued.code)).status).toBe('applied');
	});

	it('gives one tablet a bounded number of codes an hour', async () => {
		const tablet = `device-${randomUUID()}`;
		const now = new Date();
		const asked = [];
		for (let i = 0; i < CODES_PER_HOUR + 1; i++) asked.push(await codeFor(tablet, now));
		expect(asked.filter((a) => 'refused' in a)).toHaveLength(1);
		expect('refused' in asked.at(-1)!).toBe(true);
	});
});
