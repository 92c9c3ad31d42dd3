import type { Kysely } from 'kysely';

/**
 * Messages on a request (issue 25): a thread between her and the office. The office writes, asks a
 * question that awaits her answer, or asks for a document; she answers in words or with a photo.
 * `read_at` is when the other side read it (the read receipt). Her photo's pages are rows of
 * `document_pages` joined to the request, named here in the order she took them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('request_messages')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('request_id', 'varchar(36)', (c) => c.notNull())
		// office | resident
		.addColumn('author', 'varchar(10)', (c) => c.notNull())
		// message | question | document (the office's), answer (hers)
		.addColumn('kind', 'varchar(10)', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		// The document asked for ("Votre dernier avis d’impôt"), on a request for a document.
		.addColumn('document_label', 'varchar(200)')
		// The office's question or request for a document that her message answers.
		.addColumn('in_reply_to', 'varchar(36)')
		// Her photo's page ids, as JSON, in order; null without one.
		.addColumn('pages', 'text')
		// The agent who wrote it (the office's), or who sat beside her (assisted mode).
		.addColumn('staff_user_id', 'varchar(36)')
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('read_at', 'varchar(30)')
		.execute();
	await db.schema
		.createIndex('request_messages_request')
		.on('request_messages')
		.columns(['request_id', 'created_at'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('request_messages').execute();
}
