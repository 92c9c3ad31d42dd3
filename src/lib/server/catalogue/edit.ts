import type { Transaction } from 'kysely';
import * as v from 'valibot';
import type { Service } from '$lib/catalogue/types';
import { withFrench } from '$lib/catalogue/translation';
import { reserveVersions } from '../db/counters';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import { CATALOGUE_COUNTER } from './import';
import { decodeService, decodeTheme } from './columns';

// Administrators edit the catalogue in French; every change takes the next catalogue version, so
// devices receive it in their next delta (a tombstone for an unpublished record).

export interface ServiceListEntry {
	id: string;
	title: string;
	theme: string;
	published: boolean;
	hasForm: boolean;
	bookable: boolean;
}

export async function themesForEditing(db: Db) {
	const rows = await db
		.selectFrom('catalogue_themes')
		.select(['id', 'data'])
		.where('deleted', '=', 0)
		.orderBy('position')
		.execute();
	return rows.map((r) => ({ id: r.id, title: decodeTheme(r.data).title.fr }));
}

export async function servicesForEditing(db: Db): Promise<ServiceListEntry[]> {
	const [themes, rows] = await Promise.all([
		themesForEditing(db),
		db.selectFrom('catalogue_services').select(['id', 'data', 'deleted', 'theme_id']).execute()
	]);
	const order = new Map(themes.map((t, i) => [t.id, i]));
	return rows
		.map((r) => {
			const service = decodeService(r.data);
			return {
				id: r.id,
				title: service.title.fr,
				theme: themes.find((t) => t.id === r.theme_id)?.title ?? r.theme_id,
				published: r.deleted === 0,
				hasForm: Boolean(service.formId),
				bookable: service.bookable,
				order: (order.get(r.theme_id) ?? 99) * 1000 + service.position
			};
		})
		.sort((a, b) => a.order - b.order)
		.map((entry): ServiceListEntry => ({
			id: entry.id,
			title: entry.title,
			theme: entry.theme,
			published: entry.published,
			hasForm: entry.hasForm,
			bookable: entry.bookable
		}));
}

export async function serviceForEditing(db: Db, id: string) {
	const row = await db
		.selectFrom('catalogue_services')
		.select(['data', 'deleted'])
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? { service: decodeService(row.data), published: row.deleted === 0 } : null;
}

const text = (min: number, max: number) =>
	v.pipe(v.string(), v.trim(), v.minLength(min), v.maxLength(max));

/** What the editing form sends; each problem names its field. */
export const serviceInputSchema = v.object({
	themeId: text(1, 100),
	title: text(3, 120),
	summary: text(10, 300),
	description: text(10, 5000),
	audience: text(0, 1000),
	howToApply: text(0, 2000),
	keywords: text(0, 500),
	contactName: text(2, 200),
	contactPhone: v.pipe(v.string(), v.trim(), v.regex(/^(|[0-9 +().-]{6,20})$/)),
	contactAddress: text(0, 300),
	action: v.picklist(['contact', 'request', 'appointment']),
	// "Combien ça coûte ?": not said (''), free, by income, or a price written as she reads it.
	costKind: v.optional(v.picklist(['', 'free', 'income', 'price']), ''),
	costPrice: v.optional(text(0, 100), ''),
	costNote: v.optional(text(0, 300), ''),
	// The office's usual time to answer a request, in days; empty when it has none to give.
	answerDays: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^(|[1-9]\d{0,2})$/)), '')
});
export type ServiceInput = v.InferOutput<typeof serviceInputSchema>;

/** What the schema cannot say alone: a price is written when the kind is a price; days ≤ 365. */
export function serviceInputProblems(input: ServiceInput): string[] {
	const problems: string[] = [];
	if (input.costKind === 'price' && !input.costPrice) problems.push('costPrice');
	if (input.answerDays && Number(input.answerDays) > 365) problems.push('answerDays');
	return problems;
}

/** The cost as the catalogue holds it; translations kept while their French is unchanged. */
function costOf(input: ServiceInput, before: Service['cost']): Service['cost'] {
	if (!input.costKind) return undefined;
	return {
		kind: input.costKind,
		...(input.costKind === 'price' ? { price: withFrench(before?.price, input.costPrice) } : {}),
		...(input.costNote ? { note: withFrench(before?.note, input.costNote) } : {})
	};
}

export function slugOf(title: string): string {
	return (
		title
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 80) || 'service'
	);
}

export async function writeService(
	trx: Transaction<Database>,
	service: Omit<Service, 'version'>,
	deleted: 0 | 1
) {
	const version = await reserveVersions(trx, CATALOGUE_COUNTER, 1);
	const row = {
		id: service.id,
		theme_id: service.themeId,
		position: service.position,
		data: JSON.stringify(service),
		version,
		deleted
	};
	await trx
		.insertInto('catalogue_services')
		.values(row)
		.onConflict((oc) => oc.column('id').doUpdateSet(row))
		.execute();
}

/** Saves a service (new when `id` is null); answers its id. */
export async function saveService(db: Db, id: string | null, input: ServiceInput): Promise<string> {
	return db.transaction().execute(async (trx) => {
		const existing = id
			? await trx
					.selectFrom('catalogue_services')
					.select(['data', 'deleted'])
					.where('id', '=', id)
					.executeTakeFirst()
			: undefined;
		const before = existing ? decodeService(existing.data) : undefined;
		let serviceId = id ?? slugOf(input.title);
		if (!id) {
			for (
				let n = 2;
				await trx
					.selectFrom('catalogue_services')
					.select('id')
					.where('id', '=', serviceId)
					.executeTakeFirst();
				n++
			) {
				serviceId = `${slugOf(input.title)}-${n}`;
			}
		}
		const last = await trx
			.selectFrom('catalogue_services')
			.select((eb) => eb.fn.max('position').as('position'))
			.where('theme_id', '=', input.themeId)
			.executeTakeFirst();
		const keywords = input.keywords
			.split(',')
			.map((k) => k.trim())
			.filter(Boolean);
		const kept: Partial<Service> = { ...before };
		delete kept.version;
		const service: Omit<Service, 'version'> = {
			...kept,
			id: serviceId,
			themeId: input.themeId,
			position:
				before && before.themeId === input.themeId
					? before.position
					: Number(last?.position ?? -1) + 1,
			title: withFrench(before?.title, input.title),
			summary: withFrench(before?.summary, input.summary),
			description: withFrench(before?.description, input.description),
			audience: withFrench(before?.audience, input.audience),
			howToApply: withFrench(before?.howToApply, input.howToApply),
			keywords: { ...(before?.keywords ?? {}), fr: keywords },
			contact: {
				...(before?.contact ?? {}),
				name: withFrench(before?.contact.name, input.contactName),
				...(input.contactPhone ? { phone: input.contactPhone } : { phone: undefined }),
				...(input.contactAddress ? { address: input.contactAddress } : { address: undefined })
			},
			action: input.action,
			bookable: before?.bookable ?? false,
			cost: costOf(input, before?.cost),
			answerDays: input.answerDays ? Number(input.answerDays) : undefined
		};
		await writeService(trx, service, existing?.deleted === 1 ? 1 : 0);
		return serviceId;
	});
}

/** Unpublished, a service leaves every device at its next sync; published again, it comes back. */
export async function setServicePublished(db: Db, id: string, published: boolean) {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('catalogue_services')
			.select('data')
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row) return false;
		// Decoded without its version (the row's change counter, given anew on writing).
		const service = decodeService(row.data);
		await writeService(trx, service, published ? 0 : 1);
		// Its online form goes and comes back with it: no form may outlive its service page.
		if (service.formId) {
			await trx
				.updateTable('catalogue_forms')
				.set({
					deleted: published ? 0 : 1,
					version: await reserveVersions(trx, CATALOGUE_COUNTER, 1)
				})
				.where('id', '=', service.formId)
				.execute();
		}
		return true;
	});
}
