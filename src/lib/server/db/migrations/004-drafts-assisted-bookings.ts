import type { Kysely } from 'kysely';

// An administrator's unpublished changes to a form: tablets keep the published version until she
// publishes, so no one fills in a form half-way through being edited.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('form_drafts')
		.addColumn('service_id', 'varchar(100)', (c) => c.primaryKey())
		.addColumn('form_id', 'varchar(100)', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('updated_by', 'varchar(36)', (c) => c.notNull())
		.execute();
	// An appointment booked with an agent beside her (assisted mode, with her consent) names him.
	await db.schema.alterTable('appointments').addColumn('helped_by', 'varchar(36)').execute();
	// Why the town hall cancelled it (the office is closed that day): she reads it on her tablet.
	await db.schema.alterTable('appointments').addColumn('status_message', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('appointments').dropColumn('status_message').execute();
	await db.schema.alterTable('appointments').dropColumn('helped_by').execute();
	await db.schema.dropTable('form_drafts').execute();
}
