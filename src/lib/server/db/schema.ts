import type { Generated, Selectable } from 'kysely';

export interface CatalogueRow {
	id: string;
	position: number;
	/** The record as JSON; kept as text so the same SQL runs on SQLite and PostgreSQL. */
	data: string;
	version: number;
	deleted: number;
}

export interface ServiceRow extends CatalogueRow {
	theme_id: string;
}

export interface RequestRow {
	id: string;
	reference: string;
	device_hash: string;
	form_id: string;
	form_version: number;
	service_id: string;
	answers: string;
	status: 'received' | 'in_progress' | 'done' | 'refused';
	status_message: string | null;
	created_at: string;
	updated_at: string;
	version: number;
	person_name: string | null;
	person_key: string | null;
	helped_by: string | null;
	person_email: string | null;
	person_phone: string | null;
	person_address: string | null;
	/** Channels and kinds of notices she chose, as ",email,sms," (see notices/preferences.ts). */
	notify_channels: Generated<string>;
	notify_kinds: Generated<string>;
	/** The language her notices are written in. */
	language: Generated<string>;
	/** An agent handled or approved it: its letters go to the print list. */
	letters_approved_at: string | null;
	/** The agent who follows it ("suivie par"), if one was named. */
	assigned_to: string | null;
	/** Its number in a national system (social housing's "numéro unique"), once registered. */
	registration_number: string | null;
	registered_at: string | null;
	/** When she is reminded to renew it (the form's `renewalMonths` after registration). */
	renewal_due_at: string | null;
}

export interface AppointmentRow {
	id: string;
	reference: string;
	device_hash: string;
	service_id: string;
	appointment_type_id: string;
	start_at: string;
	end_at: string;
	status: 'booked' | 'cancelled';
	created_at: string;
	updated_at: string;
	version: number;
	person_name: string | null;
	person_phone: string | null;
	person_address: string | null;
	person_email: string | null;
	helped_by: string | null;
	status_message: string | null;
	/** Channels and kinds of notices she chose, as ",email,sms," (see notices/preferences.ts). */
	notify_channels: Generated<string>;
	notify_kinds: Generated<string>;
	/** The language her notices are written in. */
	language: Generated<string>;
	/** Her answer to a reminder: 'coming' or 'callback' ("cannot" cancels). */
	answer: string | null;
	answered_at: string | null;
	/** An agent booked, handled or approved it: its letters go to the print list. */
	letters_approved_at: string | null;
	/** The agent who booked it at his desk, for someone on the phone or at the counter. */
	booked_by: string | null;
	/** The agent who follows it ("suivi par"), if one was named. */
	assigned_to: string | null;
}

export interface NoticeRow {
	id: string;
	subject_type: 'appointment' | 'request';
	subject_id: string;
	kind: NoticeKind;
	/** Which occurrence: the change's id, the reminded start, the request event's id. */
	event: string;
	channel: NoticeChannel;
	/** A reminder sent as the confirmation ('booked', 'changed'): said so in its words. */
	wording: string | null;
	/**
	 * 'held': past the day's cap of its channel, until an agent releases it; 'awaiting': a letter
	 * until an agent approves it (its subject was never seen by the office).
	 */
	status: 'pending' | 'sending' | 'sent' | 'failed' | 'dropped' | 'held' | 'awaiting';
	/** Counted against the budgets (once), or released by an agent past the day's cap. */
	budget: 'counted' | 'released' | null;
	next_attempt_at: string;
	attempts: Generated<number>;
	claimed_until: string | null;
	recipient_masked: string | null;
	last_error: string | null;
	parts: number | null;
	created_at: string;
	sent_at: string | null;
}

/** Rows as read. */
export type Appointment = Selectable<AppointmentRow>;
export type Notice = Selectable<NoticeRow>;

export type NoticeKind =
	'booked' | 'changed' | 'cancelled' | 'reminder' | 'status' | 'message' | 'renewal';
export type NoticeChannel = 'email' | 'sms' | 'push' | 'post';

export interface Database {
	catalogue_themes: CatalogueRow;
	catalogue_services: ServiceRow;
	catalogue_forms: CatalogueRow;
	form_versions: { form_id: string; version: number; data: string; created_at: string };
	form_drafts: {
		service_id: string;
		form_id: string;
		data: string;
		updated_at: string;
		updated_by: string;
	};
	appointment_types: {
		id: string;
		service_id: string;
		position: number;
		data: string;
		active: number;
	};
	opening_hours: {
		id: string;
		service_id: string;
		weekday: number;
		start_minute: number;
		end_minute: number;
		capacity: number;
	};
	devices: { key_hash: string; created_at: string; last_seen_at: string };
	mutations: {
		id: string;
		device_hash: string;
		type: string;
		status: string;
		result: string;
		created_at: string;
	};
	requests: RequestRow;
	appointments: AppointmentRow;
	app_meta: { key: string; value: string };
	staff_users: StaffUserRow;
	staff_sessions: {
		token_hash: string;
		user_id: string;
		created_at: string;
		last_seen_at: string;
		expires_at: string;
		mode: SessionMode;
		copy_key: string | null;
	};
	sign_in_tries: {
		key: string;
		count: number;
		first_at: string;
		last_at: string;
		prev_at: string | null;
	};
	quota_counters: { key: string; count: number; expires_at: string };
	leases: { name: string; holder: string; expires_at: string };
	document_pages: {
		id: string;
		device_hash: string;
		size: number;
		type: string;
		sha256: string;
		received: Generated<number>;
		status: 'receiving' | 'verified' | 'refused';
		refusal: string | null;
		request_id: string | null;
		created_at: string;
		completed_at: string | null;
	};
	document_page_chunks: { page_id: string; start: number; bytes: Uint8Array };
	audit_log: {
		id: Generated<number>;
		at: string;
		staff_user_id: string;
		action: string;
		subject_type: string;
		subject_id: string;
		detail: string | null;
	};
	closures: {
		id: string;
		service_id: string;
		day: string;
		reason: string;
		created_by: string;
		created_at: string;
	};
	erasure_requests: {
		id: string;
		reference: string;
		device_hash: string;
		status: 'pending' | 'done';
		created_at: string;
		handled_by: string | null;
		handled_at: string | null;
	};
	request_events: {
		id: string;
		request_id: string;
		status: RequestRow['status'];
		message: string | null;
		staff_user_id: string | null;
		at: string;
	};
	/** The thread of a request between her and the office (messages/). */
	request_messages: {
		id: string;
		request_id: string;
		author: 'office' | 'resident';
		kind: 'message' | 'question' | 'document' | 'answer';
		body: string;
		document_label: string | null;
		in_reply_to: string | null;
		pages: string | null;
		staff_user_id: string | null;
		created_at: string;
		read_at: string | null;
	};
	change_counters: { name: string; value: number };
	/** Recipients who said stop: a keyed hash of the address or number, kept after erasure. */
	notice_suppressions: { recipient: string; channel: string; source: string; created_at: string };
	/** Recipients written to before (keyed hash): a first message says who asked and how to stop. */
	notice_recipients: { recipient: string; first_at: string; last_at: string };
	notices: NoticeRow;
	push_subscriptions: {
		device_hash: string;
		endpoint: string;
		p256dh: string;
		auth: string;
		created_at: string;
	};
	/** An agent's note on a request or an appointment: for the office, never shown to her. */
	case_notes: {
		id: string;
		subject_type: CaseSubjectType;
		subject_id: string;
		staff_user_id: string;
		text: string;
		created_at: string;
	};
	/** A code her tablet shows, to be read to the agent booking for her (devices/tablet-code.ts). */
	tablet_codes: { code_hash: string; device_hash: string; expires_at: string; created_at: string };
	calls: {
		id: string;
		appointment_id: string;
		outcome: CallOutcome;
		staff_user_id: string;
		at: string;
	};
}

export type CaseSubjectType = 'request' | 'appointment';

export type CallOutcome = 'reached' | 'no_answer' | 'cancelled' | 'rescheduled';

export type StaffRole = 'agent' | 'admin';
export type SessionMode = 'staff' | 'assisted';

export interface StaffUserRow {
	id: string;
	email: string;
	display_name: string;
	role: StaffRole;
	password_hash: string;
	active: number;
	created_at: string;
	updated_at: string;
}
