import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect';

/**
 * Her papers' pages (issue 25), sent from the tablet with the tus protocol: one row a page, named
 * by the tablet's own id, and its bytes in chunks of at most 256 KiB, with the data (in the SQLite
 * file under DATA_DIR, or in PostgreSQL, which several instances share). A page is written and read
 * a chunk at a time, never whole in memory. `received` is the bytes stored, moved on only by the
 * statement that stores the chunk starting there, so two writers can never interleave.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	const bytes = dialectOf(db).name === 'postgres' ? 'bytea' : 'blob';
	await db.schema
		.createTable('document_pages')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('device_hash', 'varchar(100)', (c) => c.notNull())
		// What the tablet declared: its length, type and SHA-256 once prepared.
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('type', 'varchar(40)', (c) => c.notNull())
		.addColumn('sha256', 'varchar(64)', (c) => c.notNull())
		.addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
		// receiving → verified (whole, its hash and content checked) or refused (with why).
		.addColumn('status', 'varchar(12)', (c) => c.notNull())
		.addColumn('refusal', 'varchar(40)')
		.addColumn('request_id', 'varchar(36)')
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('completed_at', 'varchar(30)')
		.execute();
	await db.schema
		.createIndex('document_pages_device')
		.on('document_pages')
		.column('device_hash')
		.execute();
	await db.schema
		.createIndex('document_pages_request')
		.on('document_pages')
		.column('request_id')
		.execute();
	await db.schema
		.createTable('document_page_chunks')
		.addColumn('page_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('start', 'integer', (c) => c.notNull())
		.addColumn('bytes', bytes, (c) => c.notNull())
		.addPrimaryKeyConstraint('document_page_chunks_pk', ['page_id', 'start'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('document_page_chunks').execute();
	await db.schema.dropTable('document_pages').execute();
}
