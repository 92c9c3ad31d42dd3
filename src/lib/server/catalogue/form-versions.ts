import type { Kysely, Transaction } from 'kysely';
import type { FormDefinition } from '$lib/forms/types';
import type { Database } from '../db/schema';
import { decodeForm } from './columns';

// A form's version is never changed once written (an edit writes the next one), so what one
// instance read stays true on every instance: no invalidation needed. One cache per database
// (tests open many), bounded all the same.
const caches = new WeakMap<object, Map<string, FormDefinition>>();
const LIMIT = 1000;

export type FormVersionReader = (
	trx: Transaction<Database>,
	formId: string,
	version: number
) => Promise<FormDefinition | undefined>;

/** Reads a form exactly as it was at a version (undefined when there is no such version). */
export function formVersions(db: Kysely<Database>): FormVersionReader {
	let known = caches.get(db);
	if (!known) caches.set(db, (known = new Map()));
	const cache = known;
	return async (trx, formId, version) => {
		const key = `${formId}\u0000${version}`;
		const cached = cache.get(key);
		if (cached) return cached;
		const row = await trx
			.selectFrom('form_versions')
			.select('data')
			.where('form_id', '=', formId)
			.where('version', '=', version)
			.executeTakeFirst();
		if (!row) return undefined;
		const form = decodeForm(row.data);
		if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
		cache.set(key, form);
		return form;
	};
}
