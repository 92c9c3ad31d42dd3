import type { Kysely } from 'kysely';

// Scheduled work (the retention purge, notices to come) runs on one instance at a time: the one
// holding its lease. A lease that is not renewed expires, and another instance takes it over.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('leases')
		.addColumn('name', 'varchar(100)', (c) => c.primaryKey())
		.addColumn('holder', 'varchar(200)', (c) => c.notNull())
		.addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('leases').execute();
}
