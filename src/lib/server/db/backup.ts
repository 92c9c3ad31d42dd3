import SQLite from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Copies the embedded database in `dataDir` to `destination` while the portal runs, with SQLite's
 * online backup: page by page, started again by SQLite when a write lands meanwhile, so the copy is
 * one consistent moment of the database, never a file caught half-written (as `cp` could).
 * Answers the pages copied.
 */
export async function backupSqlite(dataDir: string, destination: string): Promise<number> {
	const file = join(resolve(dataDir), 'portail.sqlite');
	if (!existsSync(file)) throw new Error(`No portal database in ${resolve(dataDir)}.`);
	if (existsSync(destination)) throw new Error(`${destination} exists already: give a new file.`);
	const source = new SQLite(file, { readonly: true, fileMustExist: true });
	source.pragma('busy_timeout = 5000');
	try {
		// Made private before SQLite writes a page into it: a copy holds what the database holds.
		closeSync(openSync(destination, 'wx', 0o600));
		chmodSync(destination, 0o600);
		const { totalPages } = await source.backup(destination);
		return totalPages;
	} finally {
		source.close();
	}
}
