import SQLite from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../catalogue/import';
import { applyMutations } from '../outbox/apply';
import { callbackMutation } from '$tests/support/fixtures';
import { DEMO_CATALOGUE } from '$tests/support/temp-db';
import { backupSqlite } from './backup';
import { openDatabase } from './open';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// The embedded database's own tool: run on SQLite whatever DATABASE_URL says.
describe('backup of the embedded database', () => {
	it('keeps the database, its write-ahead log and every copy readable by the portal alone', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'portail-mode-')), 'data');
		dirs.push(dir);
		// As on a server whose umask lets others read new files (Debian's default).
		const umask = process.umask(0o022);
		try {
			const db = await openDatabase(dir);
			await applyMutations(db, { deviceHash: 'device-1' }, [callbackMutation('Rose')], new Date());
			const copy = join(dir, 'copy.sqlite');
			await backupSqlite(dir, copy);
			// Read while the portal runs: the log and its index exist only then.
			const mode = (file: string) => statSync(file).mode & 0o777;
			expect(mode(dir)).toBe(0o700);
			for (const file of [
				'portail.sqlite',
				'portail.sqlite-wal',
				'portail.sqlite-shm',
				'copy.sqlite'
			])
				expect(mode(join(dir, file)).toString(8), file).toBe('600');
			await db.destroy();
		} finally {
			process.umask(umask);
		}
	});

	it('copies a consistent database while requests keep arriving, and never overwrites a file', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'portail-backup-'));
		dirs.push(dir);
		const db = await openDatabase(dir);
		await importCatalogueFile(db, DEMO_CATALOGUE);
		const send = (i: number) =>
			applyMutations(
				db,
				{ deviceHash: `device-${i % 7}` },
				[callbackMutation(`Personne ${i}`)],
				new Date()
			);
		for (let i = 0; i < 50; i++) await send(i);
		// Writes go on during the copy: it must still be one moment of the database.
		const writing = Promise.all(Array.from({ length: 50 }, (_, i) => send(50 + i)));
		const copy = join(dir, 'copy.sqlite');
		expect(await backupSqlite(dir, copy)).toBeGreaterThan(0);
		await writing;
		await db.destroy();

		const copied = new SQLite(copy, { readonly: true });
		expect(copied.pragma('integrity_check', { simple: true })).toBe('ok');
		const { n } = copied.prepare('select count(*) as n from requests').get() as { n: number };
		const { ledger } = copied.prepare('select count(*) as ledger from mutations').get() as {
			ledger: number;
		};
		copied.close();
		// Somewhere between the 50 before and the 100 after, and each request with its ledger entry.
		expect(n).toBeGreaterThanOrEqual(50);
		expect(n).toBeLessThanOrEqual(100);
		expect(ledger).toBe(n);
		await expect(backupSqlite(dir, copy)).rejects.toThrow(/exists already/);
	});
});
