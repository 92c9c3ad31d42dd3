import { PostgresAdapter, type ColumnDefinitionBuilder, type QueryExecutorProvider } from 'kysely';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

/**
 * What the portal's SQL needs that SQLite and PostgreSQL say differently. Everything else is
 * written once, with Kysely, for both.
 */
export interface SqlDialect {
	readonly name: 'sqlite' | 'postgres';
	/** A key clash on insert: a primary key or a unique index already holds the value. */
	isUniqueViolation(error: unknown): boolean;
	/**
	 * Holds `key` until the transaction ends, so that two transactions deciding on the same thing
	 * (the last place of a slot) take turns. SQLite writes one transaction at a time already.
	 */
	lock(trx: QueryExecutorProvider, key: string): Promise<void>;
	/** A whole-number key the database numbers itself. */
	autoIncrement(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
	/** After rows were written with their own numbers (a copy): new ones continue after them. */
	continueNumbering(db: QueryExecutorProvider, table: string, column: string): Promise<void>;
	/** After an erasure: leaves the deleted rows' old copies as little room as the engine allows. */
	scrub(db: QueryExecutorProvider, tables: readonly string[]): Promise<void>;
}

/** The dialect of an open database or of a transaction on it. */
export function dialectOf(db: QueryExecutorProvider): SqlDialect {
	return db.getExecutor().adapter instanceof PostgresAdapter ? postgresDialect : sqliteDialect;
}
