import { sql, type Expression, type RawBuilder } from 'kysely';
import type { CaseFile, CaseSubject, Casework } from '$lib/contract/casework';
import { PHONE_SEPARATORS } from '$lib/forms/validate';
import { serviceTitles } from '../catalogue/titles';
import type { Db } from '../db/open';

/** An agent's notes on one request or appointment, oldest first, and who follows it. */
export async function caseworkOf(db: Db, subject: CaseSubject, id: string): Promise<Casework> {
	const table = subject === 'request' ? 'requests' : 'appointments';
	const [notes, assignee] = await Promise.all([
		db
			.selectFrom('case_notes as n')
			.innerJoin('staff_users as u', 'u.id', 'n.staff_user_id')
			.select(['n.id', 'n.text', 'u.display_name as by', 'n.created_at as at'])
			.where('n.subject_type', '=', subject)
			.where('n.subject_id', '=', id)
			.orderBy('n.created_at')
			.orderBy('n.id')
			.execute(),
		db
			.selectFrom('staff_users')
			.select(['id', 'display_name as name'])
			.where('id', '=', (eb) => eb.selectFrom(table).select('assigned_to').where('id', '=', id))
			.executeTakeFirst()
	]);
	return { notes, assignee: assignee ?? null };
}

/** The agents a case can be given to: the active accounts, by name. */
export function assignableAgents(db: Db) {
	return db
		.selectFrom('staff_users')
		.select(['id', 'display_name as name'])
		.where('active', '=', 1)
		.orderBy('display_name')
		.execute();
}

/** A phone number as typed, as digits ("06 12.34-56 78", "+33 6 12 34 56 78" → "0612345678"), in SQL. */
function phoneDigits(column: Expression<string | null>): RawBuilder<string> {
	let digits: RawBuilder<string> = sql`${column}`;
	for (const separator of [' ', '.', '-', '(', ')']) {
		digits = sql`replace(${digits}, ${separator}, '')`;
	}
	// The country code only as a prefix: "06 00 33 …" keeps its 0033.
	return sql`case when ${digits} like '+33%' then '0' || substr(${digits}, 4)
		when ${digits} like '0033%' then '0' || substr(${digits}, 5) else ${digits} end`;
}

export interface Contact {
	deviceHash: string;
	phone: string | null;
	email: string | null;
}

const RELATED_MAX = 20;

/**
 * Her other requests and appointments, until she has one record of her own: those sent from the
 * same tablet, or carrying the same phone number or e-mail address (those she gave for her
 * messages; a number typed as a form's answer is not compared). A desk's bookings share the
 * agent's "device" and are matched by her phone or e-mail only.
 */
export async function relatedRecords(db: Db, contact: Contact, except: string) {
	const phone = contact.phone?.replace(PHONE_SEPARATORS, '').replace(/^(\+33|0033)/, '0') || null;
	const email = contact.email?.trim().toLowerCase() || null;
	const byDevice = contact.deviceHash.startsWith('staff:') ? null : contact.deviceHash;
	if (!byDevice && !phone && !email) return { requests: [], appointments: [] };
	// One table a query, so the columns need no table name.
	const sameContact: RawBuilder<boolean>[] = [
		...(byDevice ? [sql<boolean>`device_hash = ${byDevice}`] : []),
		...(phone ? [sql<boolean>`${phoneDigits(sql.ref('person_phone'))} = ${phone}`] : []),
		...(email ? [sql<boolean>`lower(person_email) = ${email}`] : [])
	];
	const [requests, appointments] = await Promise.all([
		db
			.selectFrom('requests')
			.select(['id', 'reference', 'service_id as serviceId', 'status', 'created_at as at'])
			.where('id', '!=', except)
			.where(({ or }) => or(sameContact))
			.orderBy('created_at', 'desc')
			.limit(RELATED_MAX)
			.execute(),
		db
			.selectFrom('appointments')
			.select(['id', 'reference', 'service_id as serviceId', 'status', 'start_at as at'])
			.where('id', '!=', except)
			.where(({ or }) => or(sameContact))
			.orderBy('start_at', 'desc')
			.limit(RELATED_MAX)
			.execute()
	]);
	return { requests, appointments };
}

/** Everything the staff pages show of a case beside the record itself. */
export async function caseFileOf(db: Db, subject: CaseSubject, id: string): Promise<CaseFile> {
	const contact = await db
		.selectFrom(subject === 'request' ? 'requests' : 'appointments')
		.select(['device_hash as deviceHash', 'person_phone as phone', 'person_email as email'])
		.where('id', '=', id)
		.executeTakeFirst();
	const [casework, agents, related] = await Promise.all([
		caseworkOf(db, subject, id),
		assignableAgents(db),
		contact ? relatedRecords(db, contact, id) : { requests: [], appointments: [] }
	]);
	const titles = await serviceTitles(db, [
		...related.requests.map((r) => r.serviceId),
		...related.appointments.map((a) => a.serviceId)
	]);
	const titled = (record: {
		id: string;
		reference: string;
		serviceId: string;
		status: string;
		at: string;
	}) => ({
		id: record.id,
		reference: record.reference,
		status: record.status,
		at: record.at,
		serviceTitle: titles.get(record.serviceId) ?? record.serviceId
	});
	return {
		...casework,
		agents,
		related: {
			requests: related.requests.map(titled),
			appointments: related.appointments.map(titled)
		}
	};
}
