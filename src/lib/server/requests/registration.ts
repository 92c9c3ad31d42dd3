import { addMonths } from 'date-fns';
import type { Payload } from '$lib/contract/outbox';
import { audit } from '../journal/audit';
import { fieldError, rejected, type MutationContext, type Outcome } from '../command';
import { nextRequestVersions } from './rows';

/**
 * An agent records the request's number in the national system (social housing's "numéro
 * unique"), once it is registered there, or again when it is renewed: she reads it in "Mes
 * demandes", and is reminded a month before it must be renewed. Only a form that says it is
 * registered so (`registration` in the catalogue) takes one; a refused request takes none.
 */
export async function registerRequest(
	{ trx, actor, now, formVersion }: MutationContext,
	payload: Payload<'request.register'>
): Promise<Outcome> {
	if (actor?.mode !== 'staff') return rejected(fieldError('type', 'staffOnly'));
	const request = await trx
		.selectFrom('requests')
		.select(['id', 'reference', 'status', 'form_id', 'form_version'])
		.where('id', '=', payload.requestId)
		.executeTakeFirst();
	if (!request) return rejected(fieldError('payload.requestId', 'unknownRequest'));
	const form = await formVersion(trx, request.form_id, request.form_version);
	if (!form?.registration) return rejected(fieldError('payload.number', 'notRegistered'));
	if (request.status === 'refused') return rejected(fieldError('payload.number', 'requestDecided'));
	await trx
		.updateTable('requests')
		.set({
			registration_number: payload.number,
			registered_at: now.toISOString(),
			renewal_due_at: addMonths(now, form.registration.renewalMonths).toISOString(),
			version: await nextRequestVersions(trx)
		})
		.where('id', '=', request.id)
		.execute();
	await audit(
		trx,
		{
			staffUserId: actor.id,
			action: 'request.register',
			subjectType: 'request',
			subjectId: request.id
		},
		now
	);
	return { status: 'applied', reference: request.reference, recordId: request.id };
}

/** The columns as the wire says them: null until an agent has recorded a number. */
export const registrationOf = (r: {
	registration_number: string | null;
	registered_at: string | null;
	renewal_due_at: string | null;
}) =>
	r.registration_number && r.registered_at && r.renewal_due_at
		? { number: r.registration_number, registeredAt: r.registered_at, renewBy: r.renewal_due_at }
		: null;
