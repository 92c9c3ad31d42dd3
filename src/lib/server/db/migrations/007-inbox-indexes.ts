import type { Kysely } from 'kysely';

// The staff inbox filtered by form lists that form's newest requests: without this index it
// walked every request newest first (by date or status: 003-staff's indexes) to find them.
const INDEXES = [['requests_form_created', ['form_id', 'created_at']]] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
	for (const [name, columns] of INDEXES) {
		await db.schema
			.createIndex(name)
			.on('requests')
			.columns([...columns])
			.execute();
	}
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
