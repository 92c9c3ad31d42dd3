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

/**
 * A schema of its own in the test database, so that test files running side by side never see
 * each other's rows, and its removal.
 */
export async function freshSchema(url: string) {
	const name = `test_${randomBytes(8).toString('hex')}`;
	await run(url, `create schema ${name}`);
	return { name, drop: () => run(url, `drop schema if exists ${name} cascade`) };
}
