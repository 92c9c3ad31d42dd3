/**
 * Letters are never lost in silence (issue 24, §7): a letter still unprinted for an appointment
 * closer than the post's days would come too late, so she is put on "À appeler" instead, until the
 * letter is printed or the office has reached her.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../catalogue/import';
import { applyMutations } from '../outbox/apply';
import { tempDatabase } from '$tests/support/temp-db';
import { communeDay } from '$lib/time/commune-time';
import { addDays } from '../time';
import { freeSlots } from './slots';
import { callList, lettersTooLate, recordCall } from './call-list';
import { decideLetters, markLettersPrinted, pendingLetters } from '../notices/letters';

const SERVICE = 'aide-numerique-individuelle';
const TYPE = 'numerique-seance';

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

/** Days from the commune's today to the appointment's day. */
const daysUntil = (start: string) =>
	Math.round((Date.parse(communeDay(new Date(start))) - Date.parse(communeDay())) / 86_400_000);

async function bookByPost(start: string, name: string) {
	const id = randomUUID();
	const [result] = await applyMutations(
		db,
		{ deviceHash: `device-${randomUUID()}` },
		[
			{
				id,
				type: 'appointment.book',
				createdAt: new Date().toISOString(),
				payload: {
					serviceId: SERVICE,
					appointmentTypeId: TYPE,
					start,
					contact: {
						name,
						phone: '06 12 34 56 78',
						address: '12 rue des Écoles, 87990 Val-de-Lierre',
						notify: ['post']
					}
				}
			}
		],
		new Date()
	);
	expect(result!.status).toBe('applied');
	return id;
}

describe('a letter that would come too late', () => {
	it('puts her on the call list until it is printed; a later appointment waits for its letter', async () => {
		const slots = await freeSlots(db, {
			serviceId: SERVICE,
			appointmentTypeId: TYPE,
			fromDay: communeDay(),
			toDay: addDays(communeDay(), 30),
			now: new Date()
		});
		const soon = slots[0]!.start;
		const later = slots.find((s) => daysUntil(s.start) >= daysUntil(soon) + 2)!.start;
		const near = await bookByPost(soon, 'Lucie Poste');
		const far = await bookByPost(later, 'Marcel Poste');
		// The post takes as many days as there are until the first: it would arrive too late.
		const postDays = daysUntil(soon);
		const listed = async () =>
			// From midnight, not noon: the day-before rule applies whatever the hour the test runs at.
			(await callList(db, new Date(), 0, postDays)).filter((p) =>
				([near, far] as string[]).includes(p.appointmentId)
			);

		expect(await listed()).toEqual([
			expect.objectContaining({ appointmentId: near, reason: 'letter', personName: 'Lucie Poste' })
		]);
		// "Envois" names it too, with whom and when.
		const tooLate = async () =>
			(await lettersTooLate(db, new Date(), postDays)).filter((l) =>
				([near, far] as string[]).includes(l.id)
			);
		expect(await tooLate()).toEqual([
			expect.objectContaining({
				id: near,
				name: 'Lucie Poste',
				start: new Date(soon).toISOString()
			})
		]);

		// Approved and printed, it is on its way: she leaves the list.
		expect(await decideLetters(db, near, true, 'agent-1')).toBeGreaterThan(0);
		const letters = (await pendingLetters(db)).filter((l) => l.subjectId === near);
		expect(letters.length).toBeGreaterThan(0);
		await markLettersPrinted(
			db,
			letters.map((l) => l.id),
			'agent-1'
		);
		expect(await listed()).toEqual([]);
		expect(await tooLate()).toEqual([]);

		// Closer still, the later one's letter would be late too; a call that reached her settles it.
		const longer = await callList(db, new Date(), 12, daysUntil(later));
		expect(longer.find((p) => p.appointmentId === far)?.reason).toBe('letter');
		expect(await recordCall(db, far, 'reached', 'agent-1')).toBe(true);
		expect(
			(await callList(db, new Date(), 12, daysUntil(later))).some((p) => p.appointmentId === far)
		).toBe(false);
	});
});
