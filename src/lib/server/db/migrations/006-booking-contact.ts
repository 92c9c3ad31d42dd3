import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	// A booking now says where the agent goes for a home visit, and may carry an e-mail for notices.
	await db.schema.alterTable('appointments').addColumn('person_address', 'varchar(300)').execute();
	await db.schema.alterTable('appointments').addColumn('person_email', 'varchar(254)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('appointments').dropColumn('person_email').execute();
	await db.schema.alterTable('appointments').dropColumn('person_address').execute();
}
