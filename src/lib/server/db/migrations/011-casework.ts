import type { Kysely } from 'kysely';

/**
 * Casework (issue 24): an agent's notes on a request or an appointment, never shown to the
 * person (but given to her on request, as the law says), and the agent who follows it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('case_notes')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('subject_type', 'varchar(12)', (c) => c.notNull())
		.addColumn('subject_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('staff_user_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('case_notes_subject')
		.on('case_notes')
		.columns(['subject_type', 'subject_id', 'created_at'])
		.execute();
	for (const table of ['requests', 'appointments']) {
		await db.schema.alterTable(table).addColumn('assigned_to', 'varchar(36)').execute();
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['requests', 'appointments']) {
		await db.schema.alterTable(table).dropColumn('assigned_to').execute();
	}
	await db.schema.dropTable('case_notes').execute();
}
