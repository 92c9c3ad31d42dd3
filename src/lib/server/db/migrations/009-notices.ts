import type { Kysely } from 'kysely';

/**
 * Notices (issue 15): what each person chose to be told and how, the queue of notices to send,
 * the tablets that accept push messages, her answers to reminders and the calls the office makes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	for (const table of ['appointments', 'requests']) {
		// Channels and kinds as ",email,sms," so one LIKE picks an exact entry on both databases.
		await db.schema
			.alterTable(table)
			.addColumn('notify_channels', 'varchar(40)', (c) => c.notNull().defaultTo(''))
			.execute();
		await db.schema
			.alterTable(table)
			.addColumn('notify_kinds', 'varchar(60)', (c) => c.notNull().defaultTo(''))
			.execute();
		await db.schema
			.alterTable(table)
			.addColumn('language', 'varchar(12)', (c) => c.notNull().defaultTo('fr'))
			.execute();
	}
	// A request's own way to reach her: given only when she asked to be told of its progress.
	await db.schema.alterTable('requests').addColumn('person_email', 'varchar(254)').execute();
	await db.schema.alterTable('requests').addColumn('person_phone', 'varchar(40)').execute();
	await db.schema.alterTable('requests').addColumn('person_address', 'varchar(300)').execute();
	// Her answer to the reminder: coming, callback (cannot cancels, so it shows as cancelled).
	await db.schema.alterTable('appointments').addColumn('answer', 'varchar(20)').execute();
	await db.schema.alterTable('appointments').addColumn('answered_at', 'varchar(30)').execute();
	// The reminder scan and the call list read appointments by time, across offices.
	await db.schema.createIndex('appointments_start').on('appointments').column('start_at').execute();

	await db.schema
		.createTable('notices')
		// subject/kind/event/channel: the key itself, so a notice can never be queued twice.
		.addColumn('id', 'varchar(200)', (c) => c.primaryKey())
		.addColumn('subject_type', 'varchar(20)', (c) => c.notNull())
		.addColumn('subject_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('kind', 'varchar(20)', (c) => c.notNull())
		.addColumn('event', 'varchar(60)', (c) => c.notNull())
		.addColumn('channel', 'varchar(10)', (c) => c.notNull())
		.addColumn('wording', 'varchar(20)')
		.addColumn('status', 'varchar(20)', (c) => c.notNull())
		.addColumn('next_attempt_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('claimed_until', 'varchar(30)')
		.addColumn('recipient_masked', 'varchar(80)')
		.addColumn('last_error', 'varchar(300)')
		.addColumn('parts', 'integer')
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('sent_at', 'varchar(30)')
		.execute();
	await db.schema
		.createIndex('notices_due')
		.on('notices')
		.columns(['status', 'next_attempt_at'])
		.execute();
	await db.schema.createIndex('notices_subject').on('notices').column('subject_id').execute();

	await db.schema
		.createTable('push_subscriptions')
		.addColumn('device_hash', 'varchar(100)', (c) => c.primaryKey())
		.addColumn('endpoint', 'varchar(1000)', (c) => c.notNull())
		.addColumn('p256dh', 'varchar(200)', (c) => c.notNull())
		.addColumn('auth', 'varchar(100)', (c) => c.notNull())
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('calls')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('appointment_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('outcome', 'varchar(20)', (c) => c.notNull())
		.addColumn('staff_user_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('at', 'varchar(30)', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('calls_appointment').on('calls').column('appointment_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('calls').execute();
	await db.schema.dropTable('push_subscriptions').execute();
	await db.schema.dropTable('notices').execute();
	await db.schema.dropIndex('appointments_start').execute();
	for (const column of ['answered_at', 'answer']) {
		await db.schema.alterTable('appointments').dropColumn(column).execute();
	}
	for (const column of ['person_address', 'person_phone', 'person_email']) {
		await db.schema.alterTable('requests').dropColumn(column).execute();
	}
	for (const table of ['appointments', 'requests']) {
		for (const column of ['language', 'notify_kinds', 'notify_channels']) {
			await db.schema.alterTable(table).dropColumn(column).execute();
		}
	}
}
