import { createHash } from 'node:crypto';
import { PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { SqlDialect } from './dialect';

export interface PostgresSettings {
	url: string;
	/** Connections this instance keeps open at most. */
	poolSize: number;
	/** Tables live in this schema instead of the user's default one (the tests' own). */
	schema?: string;
}

// bigint columns (versions, counts) come back as numbers, as SQLite gives them: they stay far
// below 2^53.
const INT8 = 20;
const types = {
	getTypeParser: ((oid: number, format?: string) =>
		oid === INT8
			? Number
			: pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser
};

/** A pool of connections to PostgreSQL, as Kysely's dialect. */
export function postgresConnection({ url, poolSize, schema }: PostgresSettings): PostgresDialect {
	if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
		throw new Error(
			'DATABASE_SCHEMA: lowercase letters, digits and _ only, not starting with a digit.'
		);
	}
	const pool = new pg.Pool({
		connectionString: url,
		max: poolSize,
		types,
		options: schema ? `-c search_path=${schema}` : undefined,
		// A dead server is noticed within seconds rather than a request hanging on it.
		connectionTimeoutMillis: 5000,
		application_name: 'portail-seniors'
	});
	// A connection dropped while idle (the server restarted, a network cut) is only discarded: the
	// pool opens a new one for the next query. Unhandled, this event would end the process.
	pool.on('error', (error) => console.error('database connection lost:', error.message));
	return new PostgresDialect({ pool });
}

/** Two 32-bit halves of a hash of `key`: the identity of an advisory lock. */
function lockId(key: string): [number, number] {
	const digest = createHash('sha256').update(key).digest();
	return [digest.readInt32BE(0), digest.readInt32BE(4)];
}

export const postgresDialect: SqlDialect = {
	name: 'postgres',
	isUniqueViolation: (error) => (error as { code?: unknown })?.code === '23505',
	lock: async (trx, key) => {
		const [high, low] = lockId(key);
		await sql`select pg_advisory_xact_lock(${high}::int, ${low}::int)`.execute(trx);
	},
	autoIncrement: (column) => column.generatedByDefaultAsIdentity(),
	continueNumbering: async (db, table, column) => {
		await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
			coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
	},
	// Deleted rows stay in their pages until vacuumed: vacuumed at once, their space is marked for
	// reuse. (Only VACUUM FULL rewrites the files, locking the tables: left to the operator.)
	scrub: async (db, tables) => {
		for (const table of tables) await sql`vacuum ${sql.table(table)}`.execute(db);
	}
};
