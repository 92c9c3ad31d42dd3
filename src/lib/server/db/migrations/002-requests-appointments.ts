import type { Kysely } from 'kysely';

// Times are ISO 8601 strings in UTC: they sort as text and read the same in SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('catalogue_forms')
		.addColumn('id', 'varchar(100)', (c) => c.primaryKey())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('version', 'bigint', (c) => c.notNull())
		.addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createIndex('catalogue_forms_version')
		.on('catalogue_forms')
		.column('version')
		.execute();

	// Every version of every form, so an answer is checked against the form the person filled in.
	await db.schema
		.createTable('form_versions')
		.addColumn('form_id', 'varchar(100)', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addPrimaryKeyConstraint('form_versions_pk', ['form_id', 'version'])
		.execute();

	await db.schema
		.createTable('appointment_types')
		.addColumn('id', 'varchar(100)', (c) => c.primaryKey())
		.addColumn('service_id', 'varchar(100)', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.createTable('opening_hours')
		.addColumn('id', 'varchar(120)', (c) => c.primaryKey())
		.addColumn('service_id', 'varchar(100)', (c) => c.notNull())
		.addColumn('weekday', 'integer', (c) => c.notNull())
		.addColumn('start_minute', 'integer', (c) => c.notNull())
		.addColumn('end_minute', 'integer', (c) => c.notNull())
		.addColumn('capacity', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('opening_hours_service')
		.on('opening_hours')
		.column('service_id')
		.execute();

	await db.schema
		.createTable('devices')
		.addColumn('key_hash', 'varchar(64)', (c) => c.primaryKey())
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
		.execute();

	// The ledger that makes every mutation apply once: its primary key is the client's UUID.
	await db.schema
		.createTable('mutations')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('device_hash', 'varchar(64)', (c) => c.notNull())
		.addColumn('type', 'varchar(40)', (c) => c.notNull())
		.addColumn('status', 'varchar(20)', (c) => c.notNull())
		.addColumn('result', 'text', (c) => c.notNull())
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('requests')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('reference', 'varchar(12)', (c) => c.notNull().unique())
		.addColumn('device_hash', 'varchar(64)', (c) => c.notNull())
		.addColumn('form_id', 'varchar(100)', (c) => c.notNull())
		.addColumn('form_version', 'integer', (c) => c.notNull())
		.addColumn('service_id', 'varchar(100)', (c) => c.notNull())
		.addColumn('answers', 'text', (c) => c.notNull())
		.addColumn('status', 'varchar(20)', (c) => c.notNull())
		.addColumn('status_message', 'text')
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('version', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('requests_device').on('requests').column('device_hash').execute();

	await db.schema
		.createTable('appointments')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('reference', 'varchar(12)', (c) => c.notNull().unique())
		.addColumn('device_hash', 'varchar(64)', (c) => c.notNull())
		.addColumn('service_id', 'varchar(100)', (c) => c.notNull())
		.addColumn('appointment_type_id', 'varchar(100)', (c) => c.notNull())
		.addColumn('start_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('end_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('status', 'varchar(20)', (c) => c.notNull())
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('version', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('appointments_service_start')
		.on('appointments')
		.columns(['service_id', 'start_at'])
		.execute();
	await db.schema
		.createIndex('appointments_device')
		.on('appointments')
		.column('device_hash')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'appointments',
		'requests',
		'mutations',
		'devices',
		'opening_hours',
		'appointment_types',
		'form_versions',
		'catalogue_forms'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
