import { error, fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { FormDefinition } from '$lib/forms/types';
import { database } from '$lib/server/context';
import { applyMutation } from '$lib/server/outbox/apply';
import { NEXT_STATUSES } from '$lib/server/outbox/request-status';
import { audit } from '$lib/server/staff/audit';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';
import { REQUEST_STATUSES, type RequestStatus } from '$lib/sync/mutations';

const isStatus = (value: unknown): value is RequestStatus =>
	(REQUEST_STATUSES as readonly unknown[]).includes(value);

export async function load({ locals, params, url }) {
	const staff = requireStaff(locals);
	const db = await database();
	const request = await db
		.selectFrom('requests')
		.selectAll()
		.where('id', '=', params.id)
		.executeTakeFirst();
	if (!request) error(404, 'Not found');
	const [form, service, events] = await Promise.all([
		db
			.selectFrom('form_versions')
			.select('data')
			.where('form_id', '=', request.form_id)
			.where('version', '=', request.form_version)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('catalogue_services')
			.select('data')
			.where('id', '=', request.service_id)
			.executeTakeFirst(),
		db
			.selectFrom('request_events as e')
			.leftJoin('staff_users as u', 'u.id', 'e.staff_user_id')
			.select(['e.id', 'e.status', 'e.message', 'e.at', 'u.display_name as by'])
			.where('e.request_id', '=', request.id)
			.orderBy('e.at')
			.execute()
	]);
	const helper = request.helped_by
		? await db
				.selectFrom('staff_users')
				.select('display_name')
				.where('id', '=', request.helped_by)
				.executeTakeFirst()
		: undefined;
	await audit(db, {
		staffUserId: staff.id,
		action: 'request.read',
		subjectType: 'request',
		subjectId: request.id
	});
	const saved = url.searchParams.get('enregistre');
	return {
		title: staffTranslator('fr').t('staff.request.title', { reference: request.reference }),
		request: {
			id: request.id,
			reference: request.reference,
			personName: request.person_name ?? '',
			status: request.status,
			createdAt: request.created_at,
			helpedBy: helper?.display_name ?? null,
			answers: JSON.parse(request.answers) as Record<string, unknown>
		},
		form: JSON.parse(form.data) as FormDefinition,
		serviceTitle: service
			? (JSON.parse(service.data) as { title: { fr: string } }).title.fr
			: request.service_id,
		events,
		next: NEXT_STATUSES[request.status],
		// A fresh id per rendering: pressing "Enregistrer" twice applies the change once.
		mutationId: randomUUID(),
		saved: isStatus(saved) ? saved : null
	};
}

export const actions = {
	default: async ({ locals, params, request }) => {
		const staff = requireStaff(locals);
		const form = await request.formData();
		const to = form.get('to');
		const from = form.get('from');
		const message = String(form.get('message') ?? '');
		const mutationId = String(form.get('mutationId') ?? '');
		if (!isStatus(to)) {
			return fail(400, { message, errors: [{ field: 'to', code: 'statusMissing' }] });
		}
		const result = await applyMutation(
			await database(),
			`staff:${staff.id}`,
			{
				id: mutationId,
				type: 'request.setStatus',
				payload: { requestId: params.id, from, to, message },
				createdAt: new Date().toISOString()
			},
			new Date(),
			staff
		);
		if (result.status === 'applied' || result.status === 'duplicate') {
			redirect(303, `/pro/demandes/${params.id}?enregistre=${to}`);
		}
		return fail(result.status === 'conflict' ? 409 : 400, {
			message,
			errors: (result.errors ?? []).map((e) => ({
				field: e.field.replace(/^payload\./, ''),
				code: e.code
			}))
		});
	}
};
