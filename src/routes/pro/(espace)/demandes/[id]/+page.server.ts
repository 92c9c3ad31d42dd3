import { fail } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { deskAnswer, deskProblem, fromDesk } from '$lib/server/outbox/desk';
import { requireStaff } from '$lib/server/staff/guard';
import { caseActions } from '../../case-actions';
import * as v from 'valibot';
import { isRequestStatus, registrationNumberSchema } from '$lib/contract/requests';

// The page reads the staff API (+page.ts) so it opens offline from the device's copy; this action
// is the way a status change is sent when the page runs without JavaScript; notes and the
// assignee are sent by their forms (../../case-actions.ts).
export const actions = {
	status: async ({ locals, params, request }) => {
		const staff = requireStaff(locals);
		const form = await formOf(request);
		const to = form.get('to');
		const from = form.get('from');
		const message = String(form.get('message') ?? '');
		if (!isRequestStatus(to)) {
			return fail(400, { message, errors: [{ field: 'to', code: 'statusMissing' }] });
		}
		const result = await fromDesk(
			staff,
			'request.setStatus',
			{ requestId: params.id, from, to, message },
			form.get('mutationId')
		);
		return deskAnswer(result, (id) => `/pro/demandes/${id}?enregistre=${to}`, { message });
	},
	message: async ({ locals, params, request }) => {
		const staff = requireStaff(locals);
		const form = await formOf(request);
		const kind = String(form.get('kind') ?? 'message');
		const body = String(form.get('body') ?? '');
		const documentLabel = String(form.get('documentLabel') ?? '').trim();
		const result = await fromDesk(
			staff,
			'message.send',
			{
				requestId: params.id,
				kind,
				body,
				// Named only when a document is asked for; typed by mistake otherwise, it is not sent.
				documentLabel: kind === 'document' && documentLabel ? documentLabel : undefined
			},
			form.get('mutationId')
		);
		return deskAnswer(result, (id) => `/pro/demandes/${id}?message=envoye#messages`, {
			action: 'message',
			kind,
			body,
			documentLabel
		});
	},
	register: async ({ locals, params, request }) => {
		const staff = requireStaff(locals);
		const form = await formOf(request);
		const number = String(form.get('number') ?? '');
		if (!v.is(registrationNumberSchema, number)) {
			return fail(400, {
				action: 'register',
				number,
				errors: [deskProblem('number', 'registrationInvalid')]
			});
		}
		const result = await fromDesk(
			staff,
			'request.register',
			{ requestId: params.id, number },
			form.get('mutationId')
		);
		return deskAnswer(result, (id) => `/pro/demandes/${id}?numero=enregistre#registration`, {
			action: 'register',
			number
		});
	},
	...caseActions('request')
};
