import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('app_meta')
		.addColumn('key', 'varchar(100)', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();
	// One monotonically increasing counter per synced collection: every insert, change or removal
	// takes the next value, so `version > since` is exactly "what changed after the cursor".
	await db.schema
		.createTable('change_counters')
		.addColumn('name', 'varchar(100)', (c) => c.primaryKey())
		.addColumn('value', 'bigint', (c) => c.notNull())
		.execute();
	for (const table of ['catalogue_themes', 'catalogue_services'] as const) {
		let builder = db.schema
			.createTable(table)
			.addColumn('id', 'varchar(100)', (c) => c.primaryKey())
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('data', 'text', (c) => c.notNull())
			.addColumn('version', 'bigint', (c) => c.notNull())
			.addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0));
		if (table === 'catalogue_services') {
			builder = builder.addColumn('theme_id', 'varchar(100)', (c) => c.notNull());
		}
		await builder.execute();
		await db.schema.createIndex(`${table}_version`).on(table).column('version').execute();
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['catalogue_services', 'catalogue_themes', 'change_counters', 'app_meta']) {
		await db.schema.dropTable(table).execute();
	}
}
