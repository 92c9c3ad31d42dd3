import { randomUUID } from 'node:crypto';
import type { StaffIdentity } from '$lib/server/staff/sessions';
import type { FormDefinition, FormField } from '$lib/forms/types';
import { HOUSING_ALONE } from './housing';

/** "Être rappelé par un conseiller", the simplest demo form: a request a device may send. */
export function callbackMutation(name: string, at = new Date()) {
	return {
		id: randomUUID(),
		type: 'request.submit',
		createdAt: at.toISOString(),
		payload: {
			formId: 'rappel-conseiller',
			formVersion: 1,
			answers: { nom: name, telephone: '06 12 34 56 78', moment: 'matin', question: '' }
		}
	};
}

/**
 * The demo's social housing application (version 1), answered for one person living alone, with
 * her notices' contact: an application registered afterwards in the national system.
 */
export function housingMutation(contact: { notify: string[] } = { notify: [] }) {
	return {
		id: randomUUID(),
		type: 'request.submit',
		createdAt: new Date().toISOString(),
		payload: {
			formId: 'logement-social',
			formVersion: 1,
			answers: HOUSING_ALONE,
			...(contact.notify.length
				? { contact: { phone: '06 12 34 56 78', notices: ['status'], ...contact } }
				: {})
		}
	};
}

/** A whole answer to the heatwave register ("registre-canicule", version 1). */
export const HEATWAVE_ANSWERS = {
	nom: 'Jeanne Martin',
	naissance: '1942-03-14',
	telephone: '06 12 34 56 78',
	adresse: '3 rue des Lilas, Val-de-Lierre',
	seul: 'oui',
	visite: 'oui',
	proche: '',
	accord: true
};

/** A signed-in agent as the guard hands it to the code (staff mode unless told). */
export function staffIdentity(
	user: { id: string; email: string; name: string },
	mode: StaffIdentity['mode'] = 'staff'
): StaffIdentity {
	return {
		...user,
		role: 'agent',
		mode,
		since: new Date().toISOString(),
		until: new Date(Date.now() + 3_600_000).toISOString(),
		copyKey: 'test-key'
	};
}

/** Who a test booking is for: every booking names the person and how to reach her. */
export const BOOKING_CONTACT = { name: 'Berthe Lucas', phone: '06 12 34 56 78' };

/** The payload of a booking of `start` with the demo contact (an address for a home visit). */
export function bookingPayload(serviceId: string, appointmentTypeId: string, start: string) {
	return { serviceId, appointmentTypeId, start, contact: BOOKING_CONTACT };
}

/** A question for the forms' unit tests: required, labelled by its name unless told otherwise. */
export const question = (f: Partial<FormField> & Pick<FormField, 'name' | 'type'>): FormField => ({
	label: { fr: f.name },
	required: true,
	...f
});

/** A choice question's options, each labelled by its value. */
export const choices = (...values: string[]) =>
	values.map((value) => ({ value, label: { fr: value } }));

/** A form of these steps, as the unit tests of conditions, blocks and documents read it. */
export const formOf = (steps: FormDefinition['steps']): FormDefinition => ({
	id: 'logement',
	serviceId: 'logement',
	title: { fr: 'Logement' },
	version: 1,
	steps
});
