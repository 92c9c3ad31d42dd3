import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrationProvider } from './migrations';
import type { Database } from './schema';
import { cachingStatements } from './statement-cache';

export type Db = Kysely<Database>;

/** Opens (creating when needed) the embedded SQLite database in `dataDir` and migrates it. */
export async function openDatabase(dataDir: string): Promise<Db> {
	const dir = resolve(dataDir);
	mkdirSync(dir, { recursive: true });
	const sqlite = new SQLite(join(dir, 'portail.sqlite'));
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
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({ database: cachingStatements(sqlite) })
	});
	const { error, results } = await new Migrator({
		db,
		provider: migrationProvider
	}).migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		await db.destroy();
		throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}`, {
			cause: error
		});
	}
	return db;
}

/**
 * Moves what the write-ahead log holds into the database file and empties the log, so that what
 * was just erased (overwritten there by `secure_delete`) leaves no older copy in the log either.
 */
export async function checkpoint(db: Db) {
	await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}
