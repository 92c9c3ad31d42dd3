import type { FormDefinition } from '$lib/forms/types';
import { fromListColumn } from '$lib/notices/choice';
import type { MyData } from '$lib/contract/privacy';
import type { Db } from '../db/open';
import type { Database, Notice } from '../db/schema';
import type { ERASED_TABLES } from './erasure';
import { decodeForm } from '../catalogue/columns';
import { decodeAnswers } from '../requests/columns';
import { threadsOf } from '../messages/reads';
import { registrationOf } from '../requests/registration';
import { answerText } from '$lib/forms/answer-text';
import { answersOf } from '$lib/forms/answers';
import { answerSections, type AnswerRow } from '$lib/forms/sections';
import { createTranslator } from '$lib/i18n/i18n';

const french = createTranslator('fr');

const internal = (why: string) => ({ internal: why });

/**
 * Each column of what erasure deletes: where "Mes données" shows it, or why it does not. A
 * column added to one of these tables without a line here fails privacy.test.ts: what the
 * commune deletes on request it must first give on request.
 */
export const EXPORT_COVERAGE: {
	[T in (typeof ERASED_TABLES)[number]]: Record<
		keyof Database[T] & string,
		string | { internal: string }
	>;
} = {
	requests: {
		id: internal('the record’s technical key'),
		reference: 'requests[].reference',
		device_hash: internal('the tablet’s hashed key: the export is of that tablet'),
		form_id: 'requests[].form',
		form_version: 'requests[].formVersion',
		service_id: 'requests[].service',
		answers: 'requests[].answers',
		status: 'requests[].status',
		status_message: 'requests[].message',
		created_at: 'requests[].sentAt',
		updated_at: 'requests[].updatedAt',
		version: internal('a sync counter'),
		person_name: 'requests[].name',
		person_key: internal('the name in lower case without accents, for the staff search'),
		helped_by: 'requests[].helpedByAnAgent',
		person_email: 'requests[].email',
		person_phone: 'requests[].phone',
		person_address: 'requests[].address',
		notify_channels: 'requests[].notices',
		notify_kinds: 'requests[].notices',
		language: 'requests[].notices',
		letters_approved_at: 'requests[].lettersApprovedAt',
		assigned_to: 'requests[].followedByAnAgent',
		registration_number: 'requests[].registration',
		registered_at: 'requests[].registration',
		renewal_due_at: 'requests[].registration'
	},
	request_messages: {
		id: 'requests[].thread[].inReplyTo',
		request_id: 'requests[].thread',
		author: 'requests[].thread[].from',
		kind: 'requests[].thread[].kind',
		body: 'requests[].thread[].text',
		document_label: 'requests[].thread[].documentAsked',
		in_reply_to: 'requests[].thread[].inReplyTo',
		pages: 'requests[].thread[].photoPages',
		staff_user_id: 'requests[].thread[].byAnAgent',
		created_at: 'requests[].thread[].at',
		read_at: 'requests[].thread[].readAt'
	},
	request_events: {
		id: internal('the event’s technical key'),
		request_id: 'requests[].history',
		status: 'requests[].history',
		message: 'requests[].history',
		staff_user_id: 'requests[].history',
		at: 'requests[].history'
	},
	appointments: {
		id: internal('the record’s technical key'),
		reference: 'appointments[].reference',
		device_hash: internal('the tablet’s hashed key: the export is of that tablet'),
		service_id: 'appointments[].serviceId',
		appointment_type_id: 'appointments[].appointmentTypeId',
		start_at: 'appointments[].start',
		end_at: 'appointments[].end',
		status: 'appointments[].status',
		created_at: 'appointments[].bookedAt',
		updated_at: 'appointments[].updatedAt',
		version: internal('a sync counter'),
		person_name: 'appointments[].name',
		person_phone: 'appointments[].phone',
		person_address: 'appointments[].address',
		person_email: 'appointments[].email',
		helped_by: 'appointments[].helpedByAnAgent',
		booked_by: 'appointments[].bookedByAnAgent',
		status_message: 'appointments[].message',
		notify_channels: 'appointments[].notices',
		notify_kinds: 'appointments[].notices',
		language: 'appointments[].notices',
		answer: 'appointments[].reminderAnswer',
		answered_at: 'appointments[].answeredAt',
		letters_approved_at: 'appointments[].lettersApprovedAt',
		assigned_to: 'appointments[].followedByAnAgent'
	},
	notices: {
		id: internal('the message’s key, made of the other columns'),
		subject_type: 'appointments[].messages',
		subject_id: 'appointments[].messages',
		kind: 'appointments[].messages[].kind',
		event: internal('which change or time it was about: the record says'),
		channel: 'appointments[].messages[].channel',
		wording: internal('how a reminder was worded, from its record'),
		status: 'appointments[].messages[].status',
		budget: internal('whether it was counted against the sending budgets'),
		next_attempt_at: internal('when the sender looks at it again'),
		attempts: 'appointments[].messages[].attempts',
		claimed_until: internal('a lock of the sender'),
		recipient_masked: 'appointments[].messages[].recipient',
		last_error: 'appointments[].messages[].problem',
		parts: 'appointments[].messages[].smsParts',
		created_at: 'appointments[].messages[].queuedAt',
		sent_at: 'appointments[].messages[].sentAt'
	},
	calls: {
		id: internal('the call’s technical key'),
		appointment_id: 'appointments[].calls',
		outcome: 'appointments[].calls[].outcome',
		staff_user_id: internal('agents are named by role only'),
		at: 'appointments[].calls[].at'
	},
	case_notes: {
		id: internal('the note’s technical key'),
		// On her requests and appointments alike (appointments[].officeNotes too).
		subject_type: 'requests[].officeNotes',
		subject_id: 'requests[].officeNotes',
		staff_user_id: internal('agents are named by role only'),
		text: 'requests[].officeNotes[].text',
		created_at: 'requests[].officeNotes[].at'
	},
	push_subscriptions: {
		device_hash: internal('the tablet’s hashed key: the export is of that tablet'),
		endpoint: 'pushService.host',
		p256dh: internal('the browser’s public key for encrypting notifications'),
		auth: internal('the browser’s secret for encrypting notifications'),
		created_at: 'pushService.since'
	},
	document_pages: {
		id: 'documentPages[].page',
		device_hash: internal('the tablet’s hashed key: the export is of that tablet'),
		size: 'documentPages[].size',
		type: 'documentPages[].type',
		sha256: 'documentPages[].sha256',
		received: 'documentPages[].received',
		status: 'documentPages[].status',
		refusal: 'documentPages[].refusal',
		request_id: 'documentPages[].request',
		created_at: 'documentPages[].startedAt',
		completed_at: 'documentPages[].arrivedAt'
	},
	// The page's bytes are not repeated in the export's JSON: each page is downloaded as itself
	// from "Mes données" (GET /api/v1/pages/{id}, to this tablet only), and named here by its SHA-256.
	document_page_chunks: {
		page_id: internal('the page the bytes belong to (documentPages[].page)'),
		start: internal('where in the page these bytes go'),
		bytes: internal('the page itself, as her tablet keeps it (documentPages[].sha256)')
	},
	// A code lives ten minutes, for one phone call: gone long before anyone asks for her data.
	tablet_codes: {
		code_hash: internal('a code shown for ten minutes, kept hashed'),
		device_hash: internal('the tablet’s hashed key: the export is of that tablet'),
		expires_at: internal('when the code stops working, ten minutes after it was shown'),
		created_at: internal('when the code was shown')
	}
};

const choice = (r: { notify_channels: string; notify_kinds: string; language: string }) => ({
	channels: fromListColumn(r.notify_channels),
	kinds: fromListColumn(r.notify_kinds),
	language: r.language
});

const message = (n: Notice) => ({
	kind: n.kind,
	channel: n.channel,
	status: n.status,
	queuedAt: n.created_at,
	sentAt: n.sent_at,
	recipient: n.recipient_masked,
	attempts: n.attempts,
	smsParts: n.parts,
	problem: n.last_error
});

function hostOf(endpoint: string): string {
	try {
		return new URL(endpoint).hostname;
	} catch {
		return '';
	}
}

/**
 * Everything the server holds from one tablet, for "Télécharger mes données" (RGPD article 15 and
 * 20): each request with its questions and answers as she gave them, its history and the
 * commune's messages, her appointments with the name, phone and message they carry, her answers
 * to reminders, the messages sent about each (masked recipient) and the office's calls, her
 * choices of how to be told, the push service her notifications go through, the tablet's first
 * and last visit, the ledger of what it sent, her erasure requests. Agents are named by role only.
 */
export async function exportDeviceData(
	db: Db,
	deviceHash: string,
	now = new Date()
): Promise<MyData> {
	const [requests, appointments] = await Promise.all([
		db
			.selectFrom('requests')
			.selectAll()
			.where('device_hash', '=', deviceHash)
			.orderBy('created_at')
			.execute(),
		db
			.selectFrom('appointments')
			.selectAll()
			.where('device_hash', '=', deviceHash)
			.orderBy('start_at')
			.execute()
	]);
	const forms = new Map<string, FormDefinition>();
	for (const r of requests) {
		const key = `${r.form_id}@${r.form_version}`;
		if (forms.has(key)) continue;
		const row = await db
			.selectFrom('form_versions')
			.select('data')
			.where('form_id', '=', r.form_id)
			.where('version', '=', r.form_version)
			.executeTakeFirst();
		if (row) forms.set(key, decodeForm(row.data));
	}
	const requestIds = requests.map((r) => r.id);
	const appointmentIds = appointments.map((a) => a.id);
	const subjects = [...requestIds, ...appointmentIds];
	const [events, notices, calls, notes, erasures, device, sendings, push, pages, threads] =
		await Promise.all([
			requestIds.length
				? db
						.selectFrom('request_events')
						.select(['request_id', 'status', 'message', 'at', 'staff_user_id'])
						.where('request_id', 'in', requestIds)
						.orderBy('at')
						.execute()
				: [],
			subjects.length
				? db
						.selectFrom('notices')
						.selectAll()
						.where('subject_id', 'in', subjects)
						.orderBy('created_at')
						.execute()
				: [],
			appointmentIds.length
				? db
						.selectFrom('calls')
						.select(['appointment_id', 'outcome', 'at'])
						.where('appointment_id', 'in', appointmentIds)
						.orderBy('at')
						.execute()
				: [],
			subjects.length
				? db
						.selectFrom('case_notes')
						.select(['subject_id', 'text', 'created_at'])
						.where('subject_id', 'in', subjects)
						.orderBy('created_at')
						.execute()
				: [],
			db.selectFrom('erasure_requests').selectAll().where('device_hash', '=', deviceHash).execute(),
			db
				.selectFrom('devices')
				.select(['created_at', 'last_seen_at'])
				.where('key_hash', '=', deviceHash)
				.executeTakeFirst(),
			db
				.selectFrom('mutations')
				.select(['type', 'status', 'created_at'])
				.where('device_hash', '=', deviceHash)
				.orderBy('created_at')
				.execute(),
			db
				.selectFrom('push_subscriptions')
				.select(['endpoint', 'created_at'])
				.where('device_hash', '=', deviceHash)
				.executeTakeFirst(),
			db
				.selectFrom('document_pages')
				.selectAll()
				.where('device_hash', '=', deviceHash)
				.orderBy('created_at')
				.execute(),
			threadsOf(db, requestIds)
		]);
	const messagesOf = (id: string) => notices.filter((n) => n.subject_id === id).map(message);
	// What the office wrote about her case, given as the law says; the agents named by role only.
	const casework = (r: { id: string; assigned_to: string | null }) => ({
		followedByAnAgent: Boolean(r.assigned_to),
		officeNotes: notes
			.filter((n) => n.subject_id === r.id)
			.map((n) => ({ text: n.text, at: n.created_at }))
	});
	// As she reads it back: a choice's label, a date in words ("Mes données" prints it).
	const answerLine = ({ field, value }: AnswerRow, person?: string) => ({
		question: person ? `${person} – ${field.label.fr}` : field.label.fr,
		answer: value ?? null,
		text: answerText(field, value ?? null, french)
	});
	return {
		exportedAt: now.toISOString(),
		requests: requests.map((r) => {
			const form = forms.get(`${r.form_id}@${r.form_version}`);
			// The questions she was asked (those her answers hid are not listed as unanswered), a
			// household's people one after the other ("Personne 2 – Son lien avec vous").
			const sections = form ? answerSections(form, answersOf(decodeAnswers(r.answers))) : [];
			return {
				reference: r.reference,
				form: form?.title.fr ?? r.form_id,
				formVersion: r.form_version,
				service: r.service_id,
				sentAt: r.created_at,
				updatedAt: r.updated_at,
				status: r.status,
				message: r.status_message,
				helpedByAnAgent: Boolean(r.helped_by),
				name: r.person_name,
				email: r.person_email,
				phone: r.person_phone,
				address: r.person_address,
				notices: choice(r),
				lettersApprovedAt: r.letters_approved_at,
				registration: registrationOf(r),
				answers: sections.flatMap((section) => [
					...section.rows.map((row) => answerLine(row)),
					...(section.members ?? []).flatMap((m) =>
						m.rows.map((row) => answerLine(row, m.title.fr))
					)
				]),
				history: events
					.filter((e) => e.request_id === r.id)
					.map((e) => ({
						status: e.status,
						at: e.at,
						message: e.message,
						byAnAgent: Boolean(e.staff_user_id)
					})),
				messages: messagesOf(r.id),
				thread: (threads.get(r.id) ?? []).map((m) => ({
					from: m.from,
					kind: m.kind,
					text: m.body,
					documentAsked: m.documentLabel,
					inReplyTo: m.inReplyTo,
					photoPages: m.pages,
					// Agents named by role only: an office message is the office's.
					byAnAgent: m.from === 'resident' ? Boolean(m.helpedBy) : true,
					at: m.at,
					readAt: m.readAt
				})),
				...casework(r)
			};
		}),
		appointments: appointments.map((a) => ({
			reference: a.reference,
			serviceId: a.service_id,
			appointmentTypeId: a.appointment_type_id,
			start: a.start_at,
			end: a.end_at,
			status: a.status,
			bookedAt: a.created_at,
			updatedAt: a.updated_at,
			name: a.person_name,
			phone: a.person_phone,
			address: a.person_address,
			email: a.person_email,
			message: a.status_message,
			helpedByAnAgent: Boolean(a.helped_by),
			bookedByAnAgent: Boolean(a.booked_by),
			notices: choice(a),
			reminderAnswer: a.answer,
			answeredAt: a.answered_at,
			lettersApprovedAt: a.letters_approved_at,
			messages: messagesOf(a.id),
			calls: calls
				.filter((c) => c.appointment_id === a.id)
				.map((c) => ({ outcome: c.outcome, at: c.at })),
			...casework(a)
		})),
		// The tablet itself, and each sending received from it (kept so a resend is not applied twice).
		device: device ? { firstSeenAt: device.created_at, lastSeenAt: device.last_seen_at } : null,
		pushService: push ? { host: hostOf(push.endpoint), since: push.created_at } : null,
		sendings: sendings.map((m) => ({ type: m.type, status: m.status, at: m.created_at })),
		// Each page of her papers sent from this tablet: where it stands and which request holds it.
		documentPages: pages.map((p) => ({
			page: p.id,
			type: p.type,
			size: Number(p.size),
			received: Number(p.received),
			sha256: p.sha256,
			status: p.status,
			refusal: p.refusal,
			request: requests.find((r) => r.id === p.request_id)?.reference ?? null,
			startedAt: p.created_at,
			arrivedAt: p.completed_at
		})),
		erasureRequests: erasures.map((e) => ({
			reference: e.reference,
			askedAt: e.created_at,
			status: e.status,
			doneAt: e.handled_at
		}))
	};
}
