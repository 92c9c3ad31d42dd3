import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * The embedded database as Kysely sees it, with each SQL text prepared once: Kysely prepares every
 * query anew, and compiling the same dozen statements was a tenth of the outbox's time. Safe to
 * share: Kysely hands its one SQLite connection to one query (or stream) at a time. Bounded, as
 * a staff search builds its SQL from the words typed.
 */
export function cachingStatements(sqlite: SQLiteDatabase, limit = 500): SqliteDatabase {
	const prepared = new Map<string, Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql: string) {
			let statement = prepared.get(sql);
			if (statement) {
				// Most recently used last: the oldest goes first when the cache is full.
				prepared.delete(sql);
			} else {
				statement = sqlite.prepare(sql);
				if (prepared.size >= limit) prepared.delete(prepared.keys().next().value!);
			}
			prepared.set(sql, statement);
			return statement;
		}
	};
}
