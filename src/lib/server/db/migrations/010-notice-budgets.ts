import type { Kysely } from 'kysely';

/**
 * Sending budgets (issue 22): a notice is counted against its recipient's and the day's budget
 * once (`budget`: null until counted, 'counted', or 'released' by an agent past the day's cap);
 * a recipient who said stop is kept, as a keyed hash, whatever is erased later; a letter waits
 * for an agent's approval unless an agent has seen its subject.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('notices').addColumn('budget', 'varchar(12)').execute();
	await db.schema
		.createTable('notice_suppressions')
		// The channel and an HMAC of the normalised address or number: never the address itself.
		.addColumn('recipient', 'varchar(80)', (c) => c.primaryKey())
		.addColumn('channel', 'varchar(10)', (c) => c.notNull())
		.addColumn('source', 'varchar(20)', (c) => c.notNull())
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.execute();
	// Recipients the portal has written to (keyed hash): a first message says who asked.
	await db.schema
		.createTable('notice_recipients')
		.addColumn('recipient', 'varchar(80)', (c) => c.primaryKey())
		.addColumn('first_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('last_at', 'varchar(30)', (c) => c.notNull())
		.execute();
	for (const table of ['appointments', 'requests']) {
		await db.schema.alterTable(table).addColumn('letters_approved_at', 'varchar(30)').execute();
	}
	// The agent who booked it at his desk (for someone on the phone): not asked on a tablet.
	await db.schema.alterTable('appointments').addColumn('booked_by', 'varchar(36)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('appointments').dropColumn('booked_by').execute();
	for (const table of ['appointments', 'requests']) {
		await db.schema.alterTable(table).dropColumn('letters_approved_at').execute();
	}
	await db.schema.dropTable('notice_recipients').execute();
	await db.schema.dropTable('notice_suppressions').execute();
	await db.schema.alterTable('notices').dropColumn('budget').execute();
}
