import { isDeepStrictEqual } from 'node:util';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Transaction } from 'kysely';
import * as v from 'valibot';
import { catalogueFileSchema } from '$lib/catalogue/file-schema';
import { reserveVersions } from '../db/counters';
import { dialectOf } from '../db/dialect';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import { normalizeCatalogue, type BookingConfig, type FormRecord } from './normalize';
import { decodeForm, decodeSynonyms } from './columns';

export const CATALOGUE_COUNTER = 'catalogue';
const HASH_KEY = 'catalogue_file_sha256';
/** The synonym groups, with the catalogue version at which they last changed. */
export const SYNONYMS_KEY = 'catalogue_synonyms';

export interface StoredSynonyms {
	version: number;
	groups: string[][];
}

/** Stores the file's synonyms when they differ: a new catalogue version, so devices fetch them. */
async function syncSynonyms(trx: Transaction<Database>, groups: string[][]): Promise<number> {
	const known = await trx
		.selectFrom('app_meta')
		.select('value')
		.where('key', '=', SYNONYMS_KEY)
		.executeTakeFirst();
	const previous = known ? decodeSynonyms(known.value).groups : [];
	if (JSON.stringify(previous) === JSON.stringify(groups)) return 0;
	const value = JSON.stringify({
		version: await reserveVersions(trx, CATALOGUE_COUNTER, 1),
		groups
	} satisfies StoredSynonyms);
	await trx
		.insertInto('app_meta')
		.values({ key: SYNONYMS_KEY, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
	return 1;
}

export interface ImportReport {
	skipped: boolean;
	changed: number;
	removed: number;
}

type Table = 'catalogue_themes' | 'catalogue_services' | 'catalogue_forms';
interface Record {
	id: string;
	position: number;
	themeId?: string;
}

/**
 * Brings one table in line with the file. Only records whose content changed get a new version, and
 * records gone from the file become tombstones, so devices receive a small delta. `stored` turns a
 * file record into what is kept (forms gain their content version there).
 */
async function syncTable<R extends Record>(
	trx: Transaction<Database>,
	table: Table,
	records: R[],
	stored: (record: R, previous: string | undefined) => Promise<string> | string
) {
	const existing = await trx.selectFrom(table).select(['id', 'data', 'deleted']).execute();
	const byId = new Map(existing.map((row) => [row.id, row]));
	const changed: { record: R; data: string }[] = [];
	for (const record of records) {
		const row = byId.get(record.id);
		const data = await stored(record, row?.data);
		if (!row || row.deleted === 1 || row.data !== data) changed.push({ record, data });
	}
	const wanted = new Set(records.map((r) => r.id));
	const removed = existing.filter((row) => row.deleted === 0 && !wanted.has(row.id));
	let version = await reserveVersions(trx, CATALOGUE_COUNTER, changed.length + removed.length);
	for (const { record, data } of changed) {
		const row = {
			id: record.id,
			position: record.position,
			data,
			version: version++,
			deleted: 0,
			...(record.themeId ? { theme_id: record.themeId } : {})
		};
		await trx
			.insertInto(table)
			.values(row as never)
			.onConflict((oc) => oc.column('id').doUpdateSet(row as never))
			.execute();
	}
	for (const row of removed) {
		await trx
			.updateTable(table)
			.set({ deleted: 1, version: version++ })
			.where('id', '=', row.id)
			.execute();
	}
	return { changed: changed.length, removed: removed.length };
}

/** A form keeps its content version while unchanged; a change records the next version. */
function formVersioner(trx: Transaction<Database>, now: string) {
	return async (form: FormRecord, previous: string | undefined) => {
		// Both through the column's decoding: the same content compares equal, whatever its order.
		const content = (text: string) => ({ ...decodeForm(text), version: 0 });
		if (
			previous &&
			isDeepStrictEqual(content(previous), content(JSON.stringify({ ...form, version: 0 })))
		) {
			return previous;
		}
		return (await recordFormVersion(trx, form, now)).data;
	};
}

/** Keeps a form's content as its next version, so answers are read against what was filled in. */
export async function recordFormVersion(
	trx: Transaction<Database>,
	form: FormRecord,
	now: string
): Promise<{ version: number; data: string }> {
	const latest = await trx
		.selectFrom('form_versions')
		.select((eb) => eb.fn.max('version').as('version'))
		.where('form_id', '=', form.id)
		.executeTakeFirst();
	const version = Number(latest?.version ?? 0) + 1;
	const data = JSON.stringify({ ...form, version });
	await trx
		.insertInto('form_versions')
		.values({ form_id: form.id, version, data, created_at: now })
		.execute();
	return { version, data };
}

/** Appointment types and opening hours are replaced wholesale: they are configuration, not history. */
async function syncBookings(trx: Transaction<Database>, bookings: BookingConfig[]) {
	await trx.deleteFrom('opening_hours').execute();
	await trx.updateTable('appointment_types').set({ active: 0 }).execute();
	for (const booking of bookings) {
		for (const [position, type] of booking.types.entries()) {
			const row = {
				id: type.id,
				service_id: booking.serviceId,
				position,
				data: JSON.stringify({
					label: type.label,
					durationMinutes: type.durationMinutes,
					mode: type.mode,
					...(type.bring ? { bring: type.bring } : {})
				}),
				active: 1
			};
			await trx
				.insertInto('appointment_types')
				.values(row)
				.onConflict((oc) => oc.column('id').doUpdateSet(row))
				.execute();
		}
		const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
		for (const [index, hours] of booking.hours.entries()) {
			for (const weekday of hours.weekdays) {
				await trx
					.insertInto('opening_hours')
					.values({
						id: `${booking.serviceId}-${index}-${weekday}`,
						service_id: booking.serviceId,
						weekday,
						start_minute: minutes(hours.from),
						end_minute: minutes(hours.to),
						capacity: hours.capacity
					})
					.execute();
			}
		}
	}
}

/** Whether a catalogue file was ever imported into this database. */
export async function hasCatalogue(db: Db): Promise<boolean> {
	const known = await db
		.selectFrom('app_meta')
		.select('value')
		.where('key', '=', HASH_KEY)
		.executeTakeFirst();
	return Boolean(known);
}

/**
 * Imports the commune's catalogue file when it changed since the last import (or, with `force`,
 * in any case: the opening hours edited in the staff area are then replaced by the file's).
 */
export async function importCatalogueFile(
	db: Db,
	path: string,
	{ force = false } = {}
): Promise<ImportReport> {
	const text = readFileSync(path, 'utf8');
	const hash = createHash('sha256').update(text).digest('hex');
	const imported = async (executor: Db | Transaction<Database>) =>
		(
			await executor
				.selectFrom('app_meta')
				.select('value')
				.where('key', '=', HASH_KEY)
				.executeTakeFirst()
		)?.value === hash;
	const skipped = { skipped: true, changed: 0, removed: 0 };
	if (!force && (await imported(db))) return skipped;

	const parsed = v.safeParse(catalogueFileSchema, JSON.parse(text));
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
		throw new Error(`${path}: ${where} ${issue.message}`);
	}
	const { themes, services, forms, bookings } = normalizeCatalogue(parsed.output);
	const now = new Date().toISOString();

	return db.transaction().execute(async (trx) => {
		// Instances starting together on an empty database, or two imports at once: one imports,
		// the other then finds it done.
		await dialectOf(trx).lock(trx, 'catalogue-import');
		if (!force && (await imported(trx))) return skipped;
		const json = (record: object) => JSON.stringify(record);
		const results = [
			await syncTable(trx, 'catalogue_themes', themes, json),
			await syncTable(trx, 'catalogue_services', services, json),
			await syncTable(trx, 'catalogue_forms', forms, formVersioner(trx, now))
		];
		await syncBookings(trx, bookings);
		const synonymsChanged = await syncSynonyms(trx, parsed.output.synonyms);
		await trx
			.insertInto('app_meta')
			.values({ key: HASH_KEY, value: hash })
			.onConflict((oc) => oc.column('key').doUpdateSet({ value: hash }))
			.execute();
		return {
			skipped: false,
			changed: results.reduce((sum, r) => sum + r.changed, synonymsChanged),
			removed: results.reduce((sum, r) => sum + r.removed, 0)
		};
	});
}
