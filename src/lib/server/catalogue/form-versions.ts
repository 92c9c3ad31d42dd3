import type { Kysely, Transaction } from 'kysely';
import type { FormDefinition } from '$lib/forms/types';
import type { Database } from '../db/schema';

// A form's version is never changed once written (an edit writes the next one), so what one
// instance read stays true on every instance: no invalidation needed. Bounded all the same.
const known = new Map<string, FormDefinition>();
const LIMIT = 1000;

/** The form exactly as it was at `version`, or undefined when there is no such version. */
export async function formVersion(
	db: Kysely<Database> | Transaction<Database>,
	formId: string,
	version: number
): Promise<FormDefinition | undefined> {
	const key = `${formId}\u0000${version}`;
	const cached = known.get(key);
	if (cached) return cached;
	const row = await db
		.selectFrom('form_versions')
		.select('data')
		.where('form_id', '=', formId)
		.where('version', '=', version)
		.executeTakeFirst();
	if (!row) return undefined;
	const form = JSON.parse(row.data) as FormDefinition;
	if (known.size >= LIMIT) known.delete(known.keys().next().value!);
	known.set(key, form);
	return form;
}
