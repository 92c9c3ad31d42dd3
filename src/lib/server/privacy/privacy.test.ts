import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../catalogue/import';
import { applyMutation } from '../outbox/apply';
import { ownRecords } from '../outbox/own-records';
import { tempDatabase } from '../testing/temp-db';
import { carryOutErasure, pendingErasures } from './erasure';
import { exportDeviceData } from './export';
import { purgeExpired } from './retention';

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

const staff = {
	id: randomUUID(),
	email: 'a@b.c',
	name: 'Agent',
	role: 'agent' as const,
	mode: 'staff' as const,
	since: new Date().toISOString()
};

async function send(device: string, type: string, payload: object, at = new Date()) {
	const id = randomUUID();
	const result = await applyMutation(
		db,
		device,
		{ id, type, payload, createdAt: at.toISOString() },
		at
	);
	return { id, result };
}
const callback = (name: string) => ({
	formId: 'rappel-conseiller',
	formVersion: 1,
	answers: { nom: name, telephone: '06 12 34 56 78', moment: 'matin', question: 'Ma question' }
});

describe('download of her data', () => {
	it('gives her requests with questions, answers, history and messages, and nothing of others', async () => {
		const mine = 'd'.repeat(64);
		const { id } = await send(mine, 'request.submit', callback('Rose Valentin'));
		await applyMutation(
			db,
			`staff:${staff.id}`,
			{
				id: randomUUID(),
				type: 'request.setStatus',
				createdAt: new Date().toISOString(),
				payload: { requestId: id, from: 'received', to: 'in_progress', message: 'Nous regardons.' }
			},
			new Date(),
			staff
		);
		await send('e'.repeat(64), 'request.submit', callback('Autre Personne'));
		const data = await exportDeviceData(db, mine);
		expect(data.requests).toHaveLength(1);
		expect(data.requests[0]).toMatchObject({
			form: 'Être rappelé par un conseiller',
			status: 'in_progress',
			message: 'Nous regardons.',
			helpedByAnAgent: false
		});
		expect(data.requests[0]!.answers).toContainEqual({
			question: 'Votre nom et prénom',
			answer: 'Rose Valentin'
		});
		expect(data.requests[0]!.history.map((h) => h.status)).toEqual(['received', 'in_progress']);
		expect(JSON.stringify(data)).not.toContain('Autre Personne');
	});
});

describe('erasure', () => {
	it('is asked once from the tablet, then carried out by an administrator for that tablet only', async () => {
		const mine = 'f'.repeat(64);
		const other = 'a'.repeat(64);
		await send(mine, 'request.submit', callback('Lucien Marchal'));
		await send(other, 'request.submit', callback('Germaine Roy'));
		const first = await send(mine, 'person.erasureRequest', {});
		const again = await send(mine, 'person.erasureRequest', {});
		expect(first.result).toMatchObject({
			status: 'applied',
			reference: expect.stringMatching(/^E-/)
		});
		expect(again.result.reference).toBe(first.result.reference);

		const pending = await pendingErasures(db);
		const entry = pending.find((p) => p.reference === first.result.reference)!;
		expect(entry).toMatchObject({ requests: 1, names: ['Lucien Marchal'] });
		expect(await carryOutErasure(db, entry.id, staff.id)).toBe(true);
		expect(await carryOutErasure(db, entry.id, staff.id)).toBe(false);
		expect((await ownRecords(db, mine)).requests).toEqual([]);
		expect((await ownRecords(db, other)).requests).toHaveLength(1);
		const logged = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'person.erase')
			.execute();
		expect(logged.map((l) => l.subject_id)).toEqual([first.result.reference]);
	});
});

describe('retention', () => {
	it('purges closed requests after the period, keeps open ones however old', async () => {
		const device = 'b'.repeat(64);
		const longAgo = new Date('2024-01-10T10:00:00Z');
		const open = await send(device, 'request.submit', callback('Ancienne Ouverte'), longAgo);
		const closed = await send(device, 'request.submit', callback('Ancienne Close'), longAgo);
		await applyMutation(
			db,
			`staff:${staff.id}`,
			{
				id: randomUUID(),
				type: 'request.setStatus',
				createdAt: longAgo.toISOString(),
				payload: { requestId: closed.id, from: 'received', to: 'refused', message: 'Hors commune' }
			},
			longAgo,
			staff
		);
		const recent = await send(device, 'request.submit', callback('Récente'));
		const purged = await purgeExpired(db, new Date('2026-11-26T10:00:00Z'), {
			closedRequestsMonths: 12,
			auditMonths: 12
		});
		expect(purged.requests).toBe(1);
		const left = (await ownRecords(db, device)).requests.map((r) => r.id);
		expect(left.sort()).toEqual([open.id, recent.id].sort());
		const events = await db
			.selectFrom('request_events')
			.select('id')
			.where('request_id', '=', closed.id)
			.execute();
		expect(events).toEqual([]);
	});
});
