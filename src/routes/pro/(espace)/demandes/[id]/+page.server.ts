import { fail, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { database } from '$lib/server/context';
import { applyMutation } from '$lib/server/outbox/apply';
import { requireStaff } from '$lib/server/staff/guard';
import { uuid } from '$lib/contract/primitives';
import { isRequestStatus } from '$lib/contract/requests';

// The page reads the staff API (+page.ts) so it opens offline from the device's copy; this action
// is the way a status change is sent when the page runs without JavaScript.
export const actions = {
	default: async ({ locals, params, request }) => {
		const staff = requireStaff(locals);
		const form = await formOf(request);
		const to = form.get('to');
		const from = form.get('from');
		const message = String(form.get('message') ?? '');
		// The page gives each form its own id, so a second press is the same change; without a
		// usable one (empty, tampered), a fresh id: never '' shared by every such form.
		const given = String(form.get('mutationId') ?? '');
		const mutationId = v.is(uuid, given) ? given : randomUUID();
		if (!isRequestStatus(to)) {
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
