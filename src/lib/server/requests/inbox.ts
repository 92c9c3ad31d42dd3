import { sql } from 'kysely';
import * as v from 'valibot';
import { searchKey } from '$lib/forms/person-name';
import { REQUEST_STATUSES, type RequestStatus } from '$lib/contract/requests';
import type { InboxFilters, InboxRow } from '$lib/staff/inbox';
import type { Db } from '../db/open';
import { addDays, atMinute } from '../time';
import { decodeForm } from '../catalogue/columns';
import { THREAD_STATES } from '$lib/contract/messages';
import { threadState } from '../messages/inbox';

export const INBOX_LIMIT = 100;

const day = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/),
	v.check((s) => !Number.isNaN(Date.parse(s)))
);

/** Filters from the address bar; a value that makes no sense is reported, not silently dropped. */
export function parseFilters(params: URLSearchParams) {
	const filters: InboxFilters = {};
	const invalid: (keyof InboxFilters)[] = [];
	const status = params.get('etat') ?? '';
	if ((REQUEST_STATUSES as readonly string[]).includes(status))
		filters.status = status as RequestStatus;
	const form = params.get('type') ?? '';
	if (/^[a-z0-9-]{1,100}$/.test(form)) filters.form = form;
	for (const [key, param] of [
		['from', 'du'],
		['to', 'au']
	] as const) {
		const value = params.get(param) ?? '';
		if (!value) continue;
		if (v.is(day, value)) filters[key] = value;
		else invalid.push(key);
	}
	const thread = params.get('messages') ?? '';
	if ((THREAD_STATES as readonly string[]).includes(thread))
		filters.thread = thread as (typeof THREAD_STATES)[number];
	else if (thread) invalid.push('thread');
	const name = (params.get('nom') ?? '').trim().slice(0, 100);
	if (name) filters.name = name;
	return { filters, invalid };
}

export async function listInbox(db: Db, filters: InboxFilters) {
	let query = db.selectFrom('requests');
	if (filters.status) query = query.where('status', '=', filters.status);
	if (filters.form) query = query.where('form_id', '=', filters.form);
	// Days are the commune's: "from the 3rd" starts at midnight in the commune, not in UTC.
	if (filters.from)
		query = query.where('created_at', '>=', atMinute(filters.from, 0).toISOString());
	if (filters.to)
		query = query.where('created_at', '<', atMinute(addDays(filters.to, 1), 0).toISOString());
	if (filters.name) {
		const key = searchKey(filters.name).replace(/[\\%_]/g, (c) => `\\${c}`);
		query = query.where(sql<boolean>`person_key like ${`%${key}%`} escape '\\'`);
	}
	if (filters.thread) query = query.where(threadState[filters.thread]);
	const [rows, total] = await Promise.all([
		query
			.select(['id', 'reference', 'person_name', 'form_id', 'service_id', 'created_at', 'status'])
			.select((eb) => [
				threadState.replied(eb).as('replied'),
				threadState.awaiting(eb).as('awaiting')
			])
			.orderBy('created_at', 'desc')
			.limit(INBOX_LIMIT)
			.execute(),
		query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return {
		total: Number(total.n),
		rows: rows.map((r): Omit<InboxRow, 'formTitle'> => ({
			id: r.id,
			reference: r.reference,
			personName: r.person_name ?? '',
			formId: r.form_id,
			serviceId: r.service_id,
			createdAt: r.created_at,
			status: r.status,
			thread: Number(r.replied) ? 'replied' : Number(r.awaiting) ? 'awaiting' : null
		}))
	};
}

/** Every form's title in French, for the filter and the list (unpublished ones too: old requests). */
export async function formTitles(db: Db): Promise<Map<string, string>> {
	const rows = await db
		.selectFrom('catalogue_forms')
		.select(['id', 'data'])
		.orderBy('position')
		.execute();
	return new Map(rows.map((r) => [r.id, decodeForm(r.data).title.fr]));
}
