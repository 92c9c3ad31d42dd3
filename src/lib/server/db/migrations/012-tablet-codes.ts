import type { Kysely } from 'kysely';

/**
 * Tablet codes (issue 24): six digits her tablet shows for ten minutes, which she reads to the
 * agent booking for her on the phone, so that his booking follows on her tablet. Kept hashed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('tablet_codes')
		.addColumn('code_hash', 'varchar(64)', (c) => c.primaryKey())
		.addColumn('device_hash', 'varchar(100)', (c) => c.notNull())
		.addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('tablet_codes_device')
		.on('tablet_codes')
		.column('device_hash')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('tablet_codes').execute();
}
