import { createHash } from 'node:crypto';
import { PostgresAdapter, PostgresDialect, sql, type QueryExecutorProvider } from 'kysely';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { binaryCopyRow, copiedValues } from './copy-binary';
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
	return new PoolDialect(pool);
}

/** Kysely's adapter, holding the pool its queries run on (for what Kysely cannot say: a COPY). */
class PoolAdapter extends PostgresAdapter {
	constructor(readonly pool: pg.Pool) {
		super();
	}
}

class PoolDialect extends PostgresDialect {
	constructor(private readonly pool: pg.Pool) {
		super({ pool });
	}

	override createAdapter() {
		return new PoolAdapter(this.pool);
	}
}

/** A connection of its own from the pool `db` runs on, with node-postgres's client. */
function connectionOf(db: QueryExecutorProvider): Promise<pg.PoolClient> {
	const adapter = db.getExecutor().adapter;
	if (!(adapter instanceof PoolAdapter)) throw new Error('Not a database opened by the portal');
	return adapter.pool.connect();
}

/**
 * The values of one bytea column, in order, as their bytes come off the wire: `COPY (select …) TO
 * STDOUT` in the binary format, on a connection of its own from the pool. A select answers a bytea
 * as hex text (node-postgres reads no binary rows): a 256 KiB value would be a 512 Ki-character
 * string and the reply's buffer grown to hold it, all left to the collector. Here nothing is
 * converted or joined. `select` is inlined (COPY takes no parameters): its values are Kysely's,
 * each escaped as a literal. Committed rows only: the copy does not run in the caller's
 * transaction.
 */
export async function* copyBytes(
	db: QueryExecutorProvider & { isTransaction: boolean },
	select: { sql: string; parameters: readonly unknown[] }
): AsyncGenerator<Buffer, void, undefined> {
	// Asked inside a transaction, it would not see what that transaction wrote: said at once.
	if (db.isTransaction)
		throw new Error('A COPY runs on a connection of its own, not in a transaction');
	const client = await connectionOf(db);
	let finished = false;
	try {
		const text = select.sql.replace(/\$(\d+)/g, (_, n: string) =>
			client.escapeLiteral(String(select.parameters[Number(n) - 1]))
		);
		const copy: Readable = client.query(copyTo(`copy (${text}) to stdout (format binary)`));
		yield* copiedValues(copy);
		finished = true;
	} finally {
		// A copy left half-read (the reader stopped, or it failed) leaves the connection in the
		// middle of a reply: it is closed rather than given to the next query.
		client.release(!finished);
	}
}

/**
 * Runs `work` in a transaction on a connection of its own from the pool, with node-postgres's
 * client: for what Kysely cannot say (a COPY), beside statements Kysely compiled.
 */
export async function inClientTransaction<T>(
	db: QueryExecutorProvider,
	work: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
	const client = await connectionOf(db);
	let broken = false;
	try {
		await client.query('begin');
		const result = await work(client);
		await client.query('commit');
		return result;
	} catch (error) {
		await client.query('rollback').catch(() => (broken = true));
		throw error;
	} finally {
		client.release(broken);
	}
}

/**
 * Inserts one row by a binary COPY, on `client` (in its transaction). A bytea given as a Buffer
 * to a statement is copied twice by node-postgres on its way out (into the parameters, then into
 * the message, each buffer grown to hold it): a COPY writes it to the connection as it is.
 */
export async function copyRowIn(
	client: pg.PoolClient,
	table: string,
	columns: readonly string[],
	values: (string | number | Buffer)[]
): Promise<void> {
	const names = [table, ...columns].map((name) => client.escapeIdentifier(name));
	const copy = client.query(
		copyFrom(`copy ${names[0]} (${names.slice(1).join(', ')}) from stdin (format binary)`)
	);
	await pipeline(Readable.from(binaryCopyRow(values)), copy);
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
