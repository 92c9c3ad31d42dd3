import type { Kysely } from 'kysely';

/**
 * A request registered afterwards in a national system (social housing's "numéro unique"): its
 * number as an agent recorded it, when, and when she is to be reminded to renew it (computed at
 * registration from the form's `renewalMonths`, so the reminder scan is one indexed statement).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('requests').addColumn('registration_number', 'varchar(40)').execute();
	await db.schema.alterTable('requests').addColumn('registered_at', 'varchar(30)').execute();
	await db.schema.alterTable('requests').addColumn('renewal_due_at', 'varchar(30)').execute();
	await db.schema
		.createIndex('requests_renewal_due')
		.on('requests')
		.column('renewal_due_at')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('requests_renewal_due').execute();
	for (const column of ['renewal_due_at', 'registered_at', 'registration_number']) {
		await db.schema.alterTable('requests').dropColumn(column).execute();
	}
}
