import type { FormDefinition } from '$lib/forms/types';
import type { Db } from '../db/open';

/**
 * Everything the server holds from one tablet, for "Télécharger mes données" (RGPD article 15 and
 * 20): each request with its questions and answers as she gave them, its history and the
 * commune's messages, her appointments with the name, phone and message they carry, the tablet's
 * first and last visit, the ledger of what it sent, her erasure requests. Agents are named by
 * role only.
 */
export async function exportDeviceData(db: Db, deviceHash: string, now = new Date()) {
	const requests = await db
		.selectFrom('requests')
		.selectAll()
		.where('device_hash', '=', deviceHash)
		.orderBy('created_at')
		.execute();
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
		if (row) forms.set(key, JSON.parse(row.data) as FormDefinition);
	}
	const events = requests.length
		? await db
				.selectFrom('request_events')
				.select(['request_id', 'status', 'message', 'at', 'staff_user_id'])
				.where(
					'request_id',
					'in',
					requests.map((r) => r.id)
				)
				.orderBy('at')
				.execute()
		: [];
	const [appointments, erasures, device, sendings] = await Promise.all([
		db
			.selectFrom('appointments')
			.selectAll()
			.where('device_hash', '=', deviceHash)
			.orderBy('start_at')
			.execute(),
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
			.execute()
	]);
	return {
		exportedAt: now.toISOString(),
		requests: requests.map((r) => {
			const form = forms.get(`${r.form_id}@${r.form_version}`);
			const answers = JSON.parse(r.answers) as Record<string, unknown>;
			return {
				reference: r.reference,
				form: form?.title.fr ?? r.form_id,
				sentAt: r.created_at,
				status: r.status,
				message: r.status_message,
				helpedByAnAgent: Boolean(r.helped_by),
				answers: (form?.steps.flatMap((s) => s.fields) ?? []).map((f) => ({
					question: f.label.fr,
					answer: answers[f.name] ?? null
				})),
				history: events
					.filter((e) => e.request_id === r.id)
					.map((e) => ({
						status: e.status,
						at: e.at,
						message: e.message,
						byAnAgent: Boolean(e.staff_user_id)
					}))
			};
		}),
		appointments: appointments.map((a) => ({
			reference: a.reference,
			serviceId: a.service_id,
			appointmentTypeId: a.appointment_type_id,
			start: a.start_at,
			end: a.end_at,
			status: a.status,
			name: a.person_name,
			phone: a.person_phone,
			address: a.person_address,
			email: a.person_email,
			message: a.status_message,
			helpedByAnAgent: Boolean(a.helped_by)
		})),
		// The tablet itself, and each sending received from it (kept so a resend is not applied twice).
		device: device ? { firstSeenAt: device.created_at, lastSeenAt: device.last_seen_at } : null,
		sendings: sendings.map((m) => ({ type: m.type, status: m.status, at: m.created_at })),
		erasureRequests: erasures.map((e) => ({
			reference: e.reference,
			askedAt: e.created_at,
			status: e.status,
			doneAt: e.handled_at
		}))
	};
}
