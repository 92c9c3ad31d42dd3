import type { Transaction } from 'kysely';
import { commune } from '$lib/commune';
import { createTranslator } from '$lib/i18n/i18n';
import type { Mutation, MutationError, MutationResult } from '$lib/contract/outbox';
import type { Database } from './db/schema';
import type { FormVersionReader } from './catalogue/form-versions';
import type { StaffIdentity } from './staff/sessions';

export interface MutationContext {
	trx: Transaction<Database>;
	deviceHash: string;
	/** The agent or administrator signed in where the mutation comes from, if any. */
	actor: StaffIdentity | null;
	mutation: Mutation;
	now: Date;
	/** The forms' versions, read once per database. */
	formVersion: FormVersionReader;
}

export type Outcome = Omit<MutationResult, 'id'>;

const french = createTranslator('fr');

/** Field errors carry a stable code and, for API users, the plain French words the portal shows. */
export function fieldError(field: string, code: string, count?: number): MutationError {
	return {
		field,
		code,
		// A count is part of some messages ("ajoutez-en au moins 1"), and picks their plural form.
		message: french.t(`errors.field.${code}`, {
			phone: commune.contact.phone,
			...(count === undefined ? {} : { count })
		})
	};
}

export function rejected(...errors: MutationError[]): Outcome {
	return { status: 'rejected', errors };
}
