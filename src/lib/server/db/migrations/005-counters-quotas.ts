import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	// Sign-in tries are counted before the password is checked (the old table counted failures
	// after, which a burst of simultaneous tries slipped past). Its rows are minutes-lived: dropped.
	await db.schema.dropTable('sign_in_failures').execute();
	await db.schema
		.createTable('sign_in_tries')
		.addColumn('key', 'varchar(400)', (c) => c.primaryKey())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('first_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('last_at', 'varchar(30)', (c) => c.notNull())
		// The try before the last one: how long a slowed account has waited.
		.addColumn('prev_at', 'varchar(30)')
		.execute();

	// Abuse quotas of anonymous devices, one row per key and window ("submit:<device>:<day>",
	// "devices:<address>:<hour>"), incremented atomically so they hold across instances too.
	await db.schema
		.createTable('quota_counters')
		.addColumn('key', 'varchar(200)', (c) => c.primaryKey())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('quota_counters_expires')
		.on('quota_counters')
		.column('expires_at')
		.execute();

	// The key a staff session gives its computer to seal the copies it keeps of requests: it dies
	// with the session, and the copies become unreadable with it.
	await db.schema.alterTable('staff_sessions').addColumn('copy_key', 'varchar(64)').execute();

	// The ledger and the devices are purged by age (see privacy/retention.ts).
	await db.schema.createIndex('mutations_created').on('mutations').column('created_at').execute();
	await db.schema.createIndex('devices_last_seen').on('devices').column('last_seen_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('staff_sessions').dropColumn('copy_key').execute();
	await db.schema.dropIndex('devices_last_seen').execute();
	await db.schema.dropIndex('mutations_created').execute();
	await db.schema.dropTable('quota_counters').execute();
	await db.schema.dropTable('sign_in_tries').execute();
	await db.schema
		.createTable('sign_in_failures')
		.addColumn('key', 'varchar(300)', (c) => c.primaryKey())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('first_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('last_at', 'varchar(30)', (c) => c.notNull())
		.execute();
}
