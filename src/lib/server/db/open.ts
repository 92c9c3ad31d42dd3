import { Kysely, Migrator, type Dialect } from 'kysely';
import { dialectOf } from './dialect';
import { migrationProvider } from './migrations';
import { postgresConnection, type PostgresSettings } from './postgres';
import type { Database } from './schema';
import { sqliteConnection } from './sqlite';

export type Db = Kysely<Database>;

/** Where the data lives: the embedded SQLite file in a folder, or a PostgreSQL database. */
export type DatabaseTarget = { dataDir: string } | PostgresSettings;

/** Opens and migrates the database (SQLite: created in its folder when missing). */
export async function openDatabase(target: string | DatabaseTarget): Promise<Db> {
	const where = typeof target === 'string' ? { dataDir: target } : target;
	const dialect: Dialect =
		'url' in where ? postgresConnection(where) : sqliteConnection(where.dataDir);
	const db = new Kysely<Database>({ dialect });
	try {
		await migrate(db, 'url' in where ? where.schema : undefined);
	} catch (error) {
		await db.destroy();
		throw error;
	}
	return db;
}

/**
 * Brings the schema up to date. Several instances starting together on PostgreSQL take turns
 * (Kysely holds a lock while it migrates); each migration runs in a transaction there.
 */
export async function migrate(db: Db, schema?: string) {
	const { error, results } = await new Migrator({
		db,
		provider: migrationProvider,
		// Named when set: Kysely looks for its own tables in every schema otherwise, and would
		// take another portal's (or another test's) for this one's.
		migrationTableSchema: schema
	}).migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}`, {
			cause: error
		});
	}
}

/**
 * After an erasure: what was deleted from `tables` leaves no older copy in the database's files
 * that the engine can clear (see each dialect's `scrub`).
 */
export async function scrub(db: Db, tables: readonly string[]) {
	await dialectOf(db).scrub(db, tables);
}

/** Which database, for messages and the health answer: never the password. */
export function describeTarget(target: DatabaseTarget): string {
	if ('dataDir' in target) return `SQLite in ${target.dataDir}`;
	try {
		const url = new URL(target.url);
		return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
	} catch {
		return 'PostgreSQL';
	}
}
