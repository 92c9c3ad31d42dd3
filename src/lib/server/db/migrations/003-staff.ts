import { sql, type Kysely } from 'kysely';
import { personNameOf, searchKey } from '../../../forms/person-name';
import { dialectOf } from '../dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('staff_users')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		// Stored lowercased: the same person types her address with any capitals.
		.addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
		.addColumn('display_name', 'varchar(100)', (c) => c.notNull())
		.addColumn('role', 'varchar(10)', (c) => c.notNull())
		.addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
		.execute();

	// Only a hash of the session token is kept: a copy of the database opens no session.
	await db.schema
		.createTable('staff_sessions')
		.addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
		.addColumn('user_id', 'varchar(36)', (c) =>
			c.notNull().references('staff_users.id').onDelete('cascade')
		)
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
		// "assisted": signed in on a senior's tablet to help her, which opens no staff page.
		.addColumn('mode', 'varchar(10)', (c) => c.notNull().defaultTo('staff'))
		.execute();
	await db.schema
		.createIndex('staff_sessions_user')
		.on('staff_sessions')
		.column('user_id')
		.execute();

	// Failed sign-ins per key ("account:<email>" or "address:<ip>"), for slowing then refusing.
	await db.schema
		.createTable('sign_in_failures')
		.addColumn('key', 'varchar(300)', (c) => c.primaryKey())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('first_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('last_at', 'varchar(30)', (c) => c.notNull())
		.execute();

	// Who read or changed which senior's data, and when. Ids only: the log holds no personal data.
	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'integer', (c) => dialectOf(db).autoIncrement(c.primaryKey()))
		.addColumn('at', 'varchar(30)', (c) => c.notNull())
		.addColumn('staff_user_id', 'varchar(36)', (c) => c.notNull())
		.addColumn('action', 'varchar(40)', (c) => c.notNull())
		.addColumn('subject_type', 'varchar(20)', (c) => c.notNull())
		.addColumn('subject_id', 'varchar(100)', (c) => c.notNull())
		.addColumn('detail', 'varchar(200)')
		.execute();
	await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

	// Each status change of a request, with the message the senior reads and the agent who wrote it.
	await db.schema
		.createTable('request_events')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('request_id', 'varchar(36)', (c) =>
			c.notNull().references('requests.id').onDelete('cascade')
		)
		.addColumn('status', 'varchar(20)', (c) => c.notNull())
		.addColumn('message', 'text')
		.addColumn('staff_user_id', 'varchar(36)')
		.addColumn('at', 'varchar(30)', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('request_events_request')
		.on('request_events')
		.column('request_id')
		.execute();

	// "Effacer mes données": asked from her tablet (through the outbox), carried out by an admin.
	await db.schema
		.createTable('erasure_requests')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('reference', 'varchar(12)', (c) => c.notNull().unique())
		.addColumn('device_hash', 'varchar(64)', (c) => c.notNull())
		.addColumn('status', 'varchar(10)', (c) => c.notNull())
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addColumn('handled_by', 'varchar(36)')
		.addColumn('handled_at', 'varchar(30)')
		.execute();

	// Days an office is closed (holidays, training, strike): no slot is offered on them.
	await db.schema
		.createTable('closures')
		.addColumn('id', 'varchar(36)', (c) => c.primaryKey())
		.addColumn('service_id', 'varchar(100)', (c) => c.notNull())
		.addColumn('day', 'varchar(10)', (c) => c.notNull())
		.addColumn('reason', 'varchar(200)', (c) => c.notNull())
		.addColumn('created_by', 'varchar(36)', (c) => c.notNull())
		.addColumn('created_at', 'varchar(30)', (c) => c.notNull())
		.addUniqueConstraint('closures_service_day', ['service_id', 'day'])
		.execute();

	// Who is expected: the name and phone she keeps in "Mes informations", if she gave them.
	await db.schema.alterTable('appointments').addColumn('person_name', 'varchar(200)').execute();
	await db.schema.alterTable('appointments').addColumn('person_phone', 'varchar(40)').execute();

	// The name the person gave, for the inbox's search; `person_key` is lowercased without accents.
	await db.schema.alterTable('requests').addColumn('person_name', 'varchar(200)').execute();
	await db.schema.alterTable('requests').addColumn('person_key', 'varchar(200)').execute();
	// The agent who sent a request on the senior's behalf, when she was helped.
	await db.schema.alterTable('requests').addColumn('helped_by', 'varchar(36)').execute();
	// The inbox lists the newest first, filtered or not (measured in bench/staff.bench-run.ts).
	await db.schema.createIndex('requests_created').on('requests').column('created_at').execute();
	await db.schema
		.createIndex('requests_status_created')
		.on('requests')
		.columns(['status', 'created_at'])
		.execute();
	// Requests sent before this version: their name is read from the answers, as new ones do.
	const { rows } = await sql<{ id: string; answers: string; form: string }>`
		select r.id, r.answers, f.data as form from requests r
		join form_versions f on f.form_id = r.form_id and f.version = r.form_version`.execute(db);
	for (const row of rows) {
		const name = personNameOf(JSON.parse(row.form), JSON.parse(row.answers));
		await sql`update requests set person_name = ${name}, person_key = ${searchKey(name)}
			where id = ${row.id}`.execute(db);
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('requests_status_created').execute();
	await db.schema.dropIndex('requests_created').execute();
	for (const column of ['person_phone', 'person_name']) {
		await db.schema.alterTable('appointments').dropColumn(column).execute();
	}
	await db.schema.dropTable('closures').execute();
	for (const column of ['helped_by', 'person_key', 'person_name']) {
		await db.schema.alterTable('requests').dropColumn(column).execute();
	}
	for (const table of [
		'erasure_requests',
		'request_events',
		'audit_log',
		'sign_in_failures',
		'staff_sessions',
		'staff_users'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
