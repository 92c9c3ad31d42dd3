import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../catalogue/import';
import { dialectOf } from '../db/dialect';
import { scrub } from '../db/open';
import { applyMutation } from '../outbox/apply';
import { ownRecords } from '../devices/own-records';
import { staffIdentity } from '$tests/support/fixtures';
import { tempDatabase } from '$tests/support/temp-db';
import { carryOutErasure, ERASED_TABLES, pendingErasures } from './erasure';
import { EXPORT_COVERAGE, exportDeviceData } from './export';
import { purgeExpired } from './retention';

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

const staff = staffIdentity({ id: randomUUID(), email: 'a@b.c', name: 'Agent' });

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
			answer: 'Rose Valentin',
			text: 'Rose Valentin'
		});
		// A choice is given as she read it, beside the value the form stores.
		expect(data.requests[0]!.answers).toContainEqual({
			question: 'Quand pouvons-nous vous appeler ?',
			answer: 'matin',
			text: 'Le matin'
		});
		expect(data.requests[0]!.history.map((h) => h.status)).toEqual(['received', 'in_progress']);
		expect(JSON.stringify(data)).not.toContain('Autre Personne');
	});

	it('holds everything kept about the tablet: the appointment’s name, phone and message too', async () => {
		const mine = '9'.repeat(64);
		const seen = new Date('2026-11-20T08:00:00Z').toISOString();
		await db
			.insertInto('devices')
			.values({ key_hash: mine, created_at: seen, last_seen_at: seen })
			.execute();
		const slot = (
			await db
				.selectFrom('opening_hours')
				.select('service_id')
				.where('service_id', '=', 'aide-numerique-individuelle')
				.executeTakeFirstOrThrow()
		).service_id;
		const { freeSlots } = await import('../appointments/slots');
		const [free] = await freeSlots(db, {
			serviceId: slot,
			appointmentTypeId: 'numerique-seance',
			fromDay: '2000-01-01',
			toDay: '2100-01-01',
			now: new Date()
		}).then((s) => s.slice(0, 1));
		const booked = await send(mine, 'appointment.book', {
			serviceId: slot,
			appointmentTypeId: 'numerique-seance',
			start: free!.start,
			contact: { name: 'Odile Ferrand', phone: '06 98 76 54 32' }
		});
		expect(booked.result.status).toBe('applied');
		await db
			.updateTable('appointments')
			.set({ status: 'cancelled', status_message: 'Guichet fermé ce jour-là' })
			.where('id', '=', booked.id)
			.execute();
		const data = await exportDeviceData(db, mine);
		expect(data.appointments).toEqual([
			expect.objectContaining({
				name: 'Odile Ferrand',
				phone: '06 98 76 54 32',
				message: 'Guichet fermé ce jour-là',
				helpedByAnAgent: false
			})
		]);
		expect(data.device).toEqual({ firstSeenAt: seen, lastSeenAt: expect.any(String) });
		expect(data.sendings).toEqual([
			{ type: 'appointment.book', status: 'applied', at: expect.any(String) }
		]);
	});
	it('gives every column erasure deletes, or says why not: messages, calls, answers, choices, push', async () => {
		const mine = '7'.repeat(64);
		const { freeSlots } = await import('../appointments/slots');
		// Past the reminder's lead, so the first message is the confirmation whatever the hour.
		const weekAhead = Date.now() + 7 * 86_400_000;
		const free = (
			await freeSlots(db, {
				serviceId: 'aide-numerique-individuelle',
				appointmentTypeId: 'numerique-seance',
				fromDay: '2000-01-01',
				toDay: '2100-01-01',
				now: new Date()
			})
		).find((slot) => Date.parse(slot.start) > weekAhead);
		const booked = await send(mine, 'appointment.book', {
			serviceId: 'aide-numerique-individuelle',
			appointmentTypeId: 'numerique-seance',
			start: free!.start,
			contact: {
				name: 'Odile Ferrand',
				phone: '06 98 76 54 32',
				email: 'odile@exemple.fr',
				notify: ['email']
			}
		});
		expect(booked.result.status).toBe('applied');
		await send(mine, 'appointment.answer', { appointmentId: booked.id, answer: 'callback' });
		await send(mine, 'device.push', {
			subscription: {
				endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def',
				keys: {
					p256dh:
						'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
					auth: 'tBHItJI5svbpez7KI4CCXg'
				}
			}
		});
		const asked = await send(mine, 'request.submit', {
			...callback('Odile Ferrand'),
			contact: { email: 'odile@exemple.fr', notify: ['email'], notices: ['status'] }
		});
		await applyMutation(
			db,
			`staff:${staff.id}`,
			{
				id: randomUUID(),
				type: 'request.setStatus',
				payload: { requestId: asked.id, from: 'received', to: 'in_progress', message: 'Vu.' },
				createdAt: new Date().toISOString()
			},
			new Date(),
			staff
		);
		await applyMutation(
			db,
			`staff:${staff.id}`,
			{
				id: randomUUID(),
				type: 'case.note',
				payload: { subject: 'request', subjectId: asked.id, text: 'Sa fille rappelle jeudi.' },
				createdAt: new Date().toISOString()
			},
			new Date(),
			staff
		);
		// Her thread with the office: a question, her answer, read on both sides.
		const question = randomUUID();
		await applyMutation(
			db,
			`staff:${staff.id}`,
			{
				id: question,
				type: 'message.send',
				payload: { requestId: asked.id, kind: 'question', body: 'Quel jour vous arrange ?' },
				createdAt: new Date().toISOString()
			},
			new Date(),
			staff
		);
		await send(mine, 'message.seen', { requestId: asked.id, upTo: question });
		await send(mine, 'message.reply', {
			requestId: asked.id,
			body: 'Le mardi.',
			inReplyTo: question
		});
		await db
			.insertInto('calls')
			.values({
				id: randomUUID(),
				appointment_id: booked.id,
				outcome: 'reached',
				staff_user_id: staff.id,
				at: new Date().toISOString()
			})
			.execute();
		// A page of her papers, arrived and joined to her request.
		await db
			.insertInto('document_pages')
			.values({
				id: randomUUID(),
				device_hash: mine,
				size: 3,
				type: 'image/jpeg',
				sha256: 'a'.repeat(64),
				received: 3,
				status: 'verified',
				request_id: asked.id,
				created_at: new Date().toISOString(),
				completed_at: new Date().toISOString()
			})
			.execute();

		const data = await exportDeviceData(db, mine);
		const tables = await db.introspection.getTables();
		const missing: string[] = [];
		for (const table of ERASED_TABLES) {
			const columns = tables.find((t) => t.name === table)!.columns.map((c) => c.name);
			const coverage = EXPORT_COVERAGE[table] as Record<string, string | { internal: string }>;
			for (const column of columns) {
				const where = coverage[column];
				if (!where) missing.push(`${table}.${column}: not in EXPORT_COVERAGE`);
				else if (typeof where === 'string' && present(data, where) === undefined) {
					missing.push(`${table}.${column}: ${where} is not in the export`);
				}
			}
		}
		expect(missing).toEqual([]);
		const [appointment] = data.appointments;
		expect(appointment).toMatchObject({
			reminderAnswer: 'callback',
			notices: { channels: ['email'], kinds: ['confirmation', 'reminder', 'status'] },
			calls: [{ outcome: 'reached', at: expect.any(String) }],
			messages: [expect.objectContaining({ kind: 'booked', channel: 'email', status: 'pending' })]
		});
		expect(data.pushService).toEqual({ host: 'fcm.googleapis.com', since: expect.any(String) });
		expect(data.documentPages).toEqual([
			expect.objectContaining({ status: 'verified', request: expect.stringMatching(/^D/) })
		]);
		expect(JSON.stringify(data)).not.toContain('BNcRdreALRFXTkOOUHK1');
		expect(data.requests[0]!.messages).toEqual([
			expect.objectContaining({ kind: 'status', channel: 'email' }),
			expect.objectContaining({ kind: 'message', channel: 'email' })
		]);
		expect(data.requests[0]!.thread).toEqual([
			expect.objectContaining({
				from: 'office',
				kind: 'question',
				text: 'Quel jour vous arrange ?',
				readAt: expect.any(String)
			}),
			expect.objectContaining({ from: 'resident', kind: 'answer', text: 'Le mardi.' })
		]);
	});
});

/** The value at a path such as `appointments[].messages[].kind` (the first item of each list). */
function present(data: unknown, path: string): unknown {
	let value: unknown = data;
	for (const part of path.split('.')) {
		const name = part.replace(/\[\]$/, '');
		value = (value as Record<string, unknown> | undefined)?.[name];
		if (part.endsWith('[]')) value = (value as unknown[] | undefined)?.[0];
	}
	return value;
}

describe('erasure', () => {
	it('is asked once from the tablet, then carried out by an administrator for that tablet only', async () => {
		const mine = 'f'.repeat(64);
		const other = 'a'.repeat(64);
		process.env.PUSH_ALLOWED_HOSTS = 'fcm.googleapis.com';
		const hers = await send(mine, 'request.submit', {
			...callback('Lucien Marchal'),
			contact: { email: 'lucien.marchal@exemple.fr', notify: ['email'], notices: ['status'] }
		});
		await send(mine, 'device.push', {
			subscription: {
				endpoint: 'https://fcm.googleapis.com/fcm/send/lucien-tablet',
				keys: { p256dh: 'B'.repeat(87), auth: 'a'.repeat(22) }
			}
		});
		// The office moves her request on: a notice about it waits in the queue.
		await applyMutation(
			db,
			`staff:${staff.id}`,
			{
				id: randomUUID(),
				type: 'request.setStatus',
				payload: { requestId: hers.id, from: 'received', to: 'in_progress', message: '' },
				createdAt: new Date().toISOString()
			},
			new Date(),
			staff
		);
		const queued = () =>
			db.selectFrom('notices').select('id').where('subject_id', '=', hers.id).execute();
		expect(await queued()).toHaveLength(1);
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
		// The embedded database's files are the test's own to read; PostgreSQL's are the server's.
		const embedded = dialectOf(db).name === 'sqlite';
		const fileHolds = (text: string) =>
			embedded &&
			['portail.sqlite', 'portail.sqlite-wal'].some((file) => {
				const path = join(temp.dir, file);
				return existsSync(path) && readFileSync(path).includes(Buffer.from(text));
			});
		await scrub(db, ['requests']);
		expect(fileHolds('Lucien Marchal')).toBe(embedded);
		expect(fileHolds('lucien.marchal@exemple.fr')).toBe(embedded);
		expect(fileHolds('lucien-tablet')).toBe(embedded);
		expect(await carryOutErasure(db, entry.id, staff.id)).toBe(true);
		// Nothing of her is left in the bytes of the database, nor in its log.
		expect(fileHolds('Lucien Marchal')).toBe(false);
		expect(fileHolds('lucien marchal')).toBe(false);
		expect(fileHolds('Germaine Roy')).toBe(embedded);
		// Her address for notices, the notices themselves and her tablet's push address go too.
		expect(fileHolds('lucien.marchal@exemple.fr')).toBe(false);
		expect(fileHolds('lucien-tablet')).toBe(false);
		expect(await queued()).toEqual([]);
		expect(
			await db
				.selectFrom('push_subscriptions')
				.selectAll()
				.where('device_hash', '=', mine)
				.execute()
		).toEqual([]);
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
		// Its thread goes with it; an open request's stays.
		for (const requestId of [open.id, closed.id]) {
			await applyMutation(
				db,
				`staff:${staff.id}`,
				{
					id: randomUUID(),
					type: 'message.send',
					createdAt: longAgo.toISOString(),
					payload: { requestId, kind: 'message', body: 'Nous avons bien lu.' }
				},
				longAgo,
				staff
			);
		}
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
		const threads = await db
			.selectFrom('request_messages')
			.select('request_id')
			.where('request_id', 'in', [open.id, closed.id])
			.execute();
		expect(threads).toEqual([{ request_id: open.id }]);
	});

	it('purges the ledger after its days (30 at least) and devices unseen that hold nothing', async () => {
		const now = new Date('2026-11-26T10:00:00Z');
		const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
		const ledger = (id: string, at: string) => ({
			id,
			device_hash: '7'.repeat(64),
			type: 'request.submit',
			status: 'applied',
			result: '{}',
			created_at: at
		});
		const [old, young] = [randomUUID(), randomUUID()];
		await db
			.insertInto('mutations')
			.values([ledger(old, daysAgo(31)), ledger(young, daysAgo(29))])
			.execute();
		const device = (key: string, seen: string) => ({
			key_hash: key,
			created_at: seen,
			last_seen_at: seen
		});
		await db
			.insertInto('devices')
			.values([
				device('1'.repeat(64), daysAgo(400)),
				device('2'.repeat(64), daysAgo(20)),
				// Unseen for long, but still holding an open request: kept with it.
				device('b'.repeat(64), daysAgo(400))
			])
			.execute();
		const purged = await purgeExpired(db, now, { ledgerDays: 5 });
		expect(purged.ledger).toBeGreaterThanOrEqual(1);
		const ids = (await db.selectFrom('mutations').select('id').execute()).map((m) => m.id);
		expect(ids).not.toContain(old);
		// Asked for 5 days, the ledger still keeps 30: a late replay must find its entry.
		expect(ids).toContain(young);
		const keys = (await db.selectFrom('devices').select('key_hash').execute()).map(
			(d) => d.key_hash
		);
		expect(keys).not.toContain('1'.repeat(64));
		expect(keys).toEqual(expect.arrayContaining(['2'.repeat(64), 'b'.repeat(64)]));
	});
});
