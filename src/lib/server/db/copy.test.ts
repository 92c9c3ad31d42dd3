import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { communeDay } from '$lib/time/commune-time';
import { freeSlots } from '../appointments/slots';
import { importCatalogueFile } from '../catalogue/import';
import { applyMutations } from '../outbox/apply';
import { createStaffUser } from '../staff/accounts';
import { audit } from '../journal/audit';
import { startSession } from '../staff/sessions';
import { bookingPayload, callbackMutation } from '$tests/support/fixtures';
import { DEMO_CATALOGUE, tempDatabase } from '$tests/support/temp-db';
import { copyDatabase, TABLES, TargetNotEmpty } from './copy';
import { openDatabase, type Db } from './open';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A commune's embedded database with a little of everything in it. */
async function usedPortal(): Promise<Db> {
	const dir = mkdtempSync(join(tmpdir(), 'portail-copy-'));
	const db = await openDatabase(dir);
	cleanups.push(async () => {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	});
	await importCatalogueFile(db, DEMO_CATALOGUE);
	const now = new Date();
	for (let i = 0; i < 30; i++) {
		await applyMutations(db, { deviceHash: `device-${i % 4}` }, [callbackMutation(`P ${i}`)], now);
	}
	const [slot] = await freeSlots(db, {
		serviceId: 'aide-numerique-individuelle',
		appointmentTypeId: 'numerique-seance',
		fromDay: communeDay(now.getTime() + 2 * 86_400_000),
		toDay: communeDay(now.getTime() + 20 * 86_400_000),
		now
	});
	const booking = {
		id: crypto.randomUUID(),
		type: 'appointment.book',
		createdAt: now.toISOString(),
		payload: bookingPayload('aide-numerique-individuelle', 'numerique-seance', slot!.start)
	};
	const [booked] = await applyMutations(db, { deviceHash: 'device-0' }, [booking], now);
	expect(booked!.status).toBe('applied');
	const agent = await createStaffUser(db, {
		email: 'agent@mairie.example.fr',
		displayName: 'Agent',
		role: 'agent',
		password: 'une phrase assez longue'
	});
	if (!('id' in agent)) throw new Error('no account');
	await startSession(db, agent.id, now);
	for (let i = 0; i < 3; i++) {
		await audit(db, {
			staffUserId: agent.id,
			action: 'request.read',
			subjectType: 'request',
			subjectId: `r${i}`
		});
	}
	return db;
}

describe('copying a portal into another database', () => {
	it('names every table of the schema', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'portail-tables-'));
		const db = await openDatabase(dir);
		cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
		const tables = (await db.introspection.getTables()).map((t) => t.name);
		await db.destroy();
		expect([...TABLES].sort()).toEqual(tables.filter((t) => !t.startsWith('kysely_')).sort());
	});

	// Under `npm run test:pg` the target is PostgreSQL: the move a commune makes.
	it('copies every row, continues the journal’s numbering, and refuses a database in use', async () => {
		const source = await usedPortal();
		const target = await tempDatabase();
		cleanups.push(() => target.close());
		const report = await copyDatabase(source, target.db);
		const rows = Object.fromEntries(report.map((r) => [r.table, r.rows]));
		expect(rows).toMatchObject({
			requests: 30,
			appointments: 1,
			staff_users: 1,
			staff_sessions: 1,
			audit_log: 3
		});
		expect(rows.catalogue_services).toBeGreaterThan(100);
		for (const table of TABLES) {
			const [from, to] = await Promise.all(
				[source, target.db].map((db) => db.selectFrom(table).selectAll().execute())
			);
			expect(new Set(to!.map((r) => JSON.stringify(r)))).toEqual(
				new Set(from!.map((r) => JSON.stringify(r)))
			);
		}
		const staff = await target.db.selectFrom('staff_users').select('id').executeTakeFirstOrThrow();
		await audit(target.db, {
			staffUserId: staff.id,
			action: 'request.read',
			subjectType: 'request',
			subjectId: 'after'
		});
		const ids = (await target.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map(
			(r) => r.id
		);
		expect(ids).toHaveLength(4);
		expect(ids[3]).toBeGreaterThan(ids[2]!);

		await expect(copyDatabase(source, target.db)).rejects.toBeInstanceOf(TargetNotEmpty);
		expect(await target.db.selectFrom('requests').select('id').execute()).toHaveLength(30);
	});
});
