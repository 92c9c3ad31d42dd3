import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the tests run against (`npm run test:pg`), or undefined for SQLite. A name
 * of its own, never DATABASE_URL: a shell where the portal's real database is set must not have
 * its tests write schemas into it.
 */
export const testPostgresUrl = process.env.TEST_DATABASE_URL || undefined;

async function run(url: string, statement: string) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/** The advisory lock test files take turns with to change the database's schemas. */
const SCHEMAS_LOCK = 7_240_125;

/**
 * Runs `task` while no other test file creates, migrates or drops a schema. Kysely's migrator
 * lists the tables of every schema to find its own: a listing that met another file's schema
 * being dropped or migrated failed in CI ("schema test_… does not exist", "column is_locked of
 * relation kysely_migration_lock does not exist"). Held on a connection of its own.
 */
export async function withSchemasLocked<T>(url: string, task: () => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [SCHEMAS_LOCK]);
		return await task();
	} finally {
		await client.end();
	}
}

/**
 * A schema of its own in the test database, so that test files running side by side never see
 * each other's rows, and its removal.
 */
export async function freshSchema(url: string) {
	const name = `test_${randomBytes(8).toString('hex')}`;
	await withSchemasLocked(url, () => run(url, `create schema ${name}`));
	return {
		name,
		drop: () => withSchemasLocked(url, () => run(url, `drop schema if exists ${name} cascade`))
	};
}
