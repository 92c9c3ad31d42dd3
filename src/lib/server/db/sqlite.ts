import SQLite from 'better-sqlite3';
import { sql, SqliteDialect } from 'kysely';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SqlDialect } from './dialect';
import { cachingStatements } from './statement-cache';

/**
 * The file and its folder readable by the portal's user only, whatever the umask: they hold
 * people's data (and, unless given in the environment, the link-signing and push keys). SQLite
 * creates the write-ahead log and its index with the database file's own mode.
 */
export function privateFile(file: string): void {
	mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
	closeSync(openSync(file, 'a', 0o600));
	chmodSync(file, 0o600);
	for (const companion of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) {
		if (existsSync(companion)) chmodSync(companion, 0o600);
	}
}

/** The embedded database's Kysely dialect, on `portail.sqlite` in `dataDir` (created if needed). */
export function sqliteConnection(dataDir: string): SqliteDialect {
	const dir = resolve(dataDir);
	const file = join(dir, 'portail.sqlite');
	privateFile(file);
	const sqlite = new SQLite(file);
	// WAL lets readers go on while a write commits; busy_timeout rides out a second process.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('busy_timeout = 5000');
	// FULL, not NORMAL: once the outbox answers "applied", the device forgets the item, so a
	// committed mutation must survive a power cut.
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	// What is deleted is overwritten with zeros, not left in free pages: an erased person's name
	// must not be readable in the file afterwards.
	sqlite.pragma('secure_delete = ON');
	return new SqliteDialect({ database: cachingStatements(sqlite) });
}

export const sqliteDialect: SqlDialect = {
	name: 'sqlite',
	isUniqueViolation: (error) =>
		String((error as { code?: unknown })?.code ?? '').startsWith('SQLITE_CONSTRAINT'),
	// One process, one connection, one transaction at a time: nothing to take turns for.
	lock: async () => {},
	autoIncrement: (column) => column.autoIncrement(),
	// SQLite's AUTOINCREMENT already continues after the largest number written.
	continueNumbering: async () => {},
	// Deleted rows are zeroed in the file (secure_delete); this empties the write-ahead log too,
	// which may still hold an older copy of the page.
	scrub: async (db) => {
		await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
	}
};
