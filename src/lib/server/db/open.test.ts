import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogueDelta } from '../catalogue/delta';
import { importCatalogueFile } from '../catalogue/import';
import { DEMO_CATALOGUE } from '$tests/support/temp-db';
import { openDatabase } from './open';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the embedded database', () => {
	it('keeps its data across restarts and does not seed twice', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'portail-restart-'));
		dirs.push(dir);
		let db = await openDatabase(dir);
		await importCatalogueFile(db, DEMO_CATALOGUE);
		const first = await catalogueDelta(db, null);
		await db.destroy();

		db = await openDatabase(dir);
		expect((await importCatalogueFile(db, DEMO_CATALOGUE)).skipped).toBe(true);
		const again = await catalogueDelta(db, null);
		expect(again.cursor).toBe(first.cursor);
		expect(again.services).toHaveLength(first.services.length);
		await db.destroy();
	});

	it('creates its folder when missing', async () => {
		const parent = mkdtempSync(join(tmpdir(), 'portail-new-'));
		dirs.push(parent);
		const db = await openDatabase(join(parent, 'a', 'b'));
		expect((await catalogueDelta(db, null)).cursor).toBe('0');
		await db.destroy();
	});
});
