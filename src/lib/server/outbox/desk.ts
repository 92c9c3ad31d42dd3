import { fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type { MutationResult, MutationType, Payload } from '$lib/contract/outbox';
import { uuid } from '$lib/contract/primitives';
import { database } from '../context';
import { applyMutation } from './apply';
import { staffTranslator } from '$lib/staff/translator';
import type { StaffIdentity } from '../staff/sessions';

/**
 * A change made from an agent's desk (a form of the staff area): applied once through the
 * outbox's ledger and its domain command, as if his desk were a device. The page gives each form
 * its own id, so a second press is the same change; without a usable one (empty, tampered), a
 * fresh id: never '' shared by every such form.
 */
export async function fromDesk<T extends MutationType>(
	staff: StaffIdentity,
	type: T,
	// The fields are the type's (a wrong one does not compile); their values come from a form and
	// are checked by the command's schema like any device's.
	payload: { [K in keyof Payload<T>]: unknown },
	givenId: unknown
): Promise<MutationResult> {
	const id = typeof givenId === 'string' && v.is(uuid, givenId) ? givenId : randomUUID();
	return applyMutation(
		await database(),
		`staff:${staff.id}`,
		{ id, type, payload, createdAt: new Date().toISOString() },
		new Date(),
		staff
	);
}

/** A refusal's errors as a staff form shows them: the field without its envelope, the words. */
export const deskErrors = (result: MutationResult) =>
	(result.errors ?? []).map((e) => ({
		field: e.field.replace(/^(payload\.)?(contact\.)?/, ''),
		code: e.code,
		message: e.message
	}));

/** A problem the desk's form finds before any command: in the same shape, in the staff's words. */
export const deskProblem = (field: string, code: string) => ({
	field,
	code,
	message: staffTranslator('fr').t(`staff.desk.${code}`)
});

/**
 * A desk form's answer: once applied (or already), on to the page that says it is done (`done`,
 * given the record's id); refused, the form again with what was typed and the reasons.
 */
export function deskAnswer<T extends Record<string, unknown>>(
	result: MutationResult,
	done: (recordId: string) => string,
	typed: T
) {
	if ((result.status === 'applied' || result.status === 'duplicate') && result.recordId) {
		redirect(303, done(result.recordId));
	}
	return fail(result.status === 'conflict' ? 409 : 400, { ...typed, errors: deskErrors(result) });
}
