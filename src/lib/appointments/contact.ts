import { normalizeAnswers } from '$lib/forms/answers';
import type { FormField } from '$lib/forms/types';
import { validateStep, type FieldIssue } from '$lib/forms/validate';
import type { AppointmentMode } from './types';

/** Who the office expects, and how to reach her: asked at the booking's confirm step. */
export interface BookingContact {
	name: string;
	phone: string;
	/** Where the agent goes, for a home visit. */
	address?: string;
	/** Optional: for the notices a later version sends. */
	email?: string;
}

export const CONTACT_KEYS = ['name', 'phone', 'address', 'email'] as const;

/**
 * The questions, in the same shape as a form's so the tablet and the server share one check.
 * The address is asked only for a home visit: the office's own address is given otherwise.
 */
export function contactFields(mode: AppointmentMode, t: (key: string) => string): FormField[] {
	const text = (key: string) => ({ fr: t(key) });
	const fields: FormField[] = [
		{
			name: 'name',
			type: 'text',
			label: text('booking.contact.name'),
			required: true,
			autocomplete: 'name',
			max: 200
		},
		{
			name: 'phone',
			type: 'tel',
			label: text('booking.contact.phone'),
			hint: text(`booking.contact.phoneHint.${mode}`),
			required: true,
			autocomplete: 'tel'
		}
	];
	if (mode === 'home_visit') {
		fields.push({
			name: 'address',
			type: 'textarea',
			label: text('booking.contact.address'),
			hint: text('booking.contact.addressHint'),
			required: true,
			autocomplete: 'street-address',
			max: 300
		});
	}
	fields.push({
		name: 'email',
		type: 'email',
		label: text('booking.contact.email'),
		hint: text('booking.contact.emailHint'),
		required: false,
		autocomplete: 'email'
	});
	return fields;
}

const noWords = (key: string) => key;

/** What is missing or wrong, field by field (`name`, `phone`, `address`, `email`), in field order. */
export function contactIssues(
	contact: Partial<Record<string, unknown>> | undefined,
	mode: AppointmentMode,
	today: string
): FieldIssue[] {
	const fields = contactFields(mode, noWords);
	return validateStep(
		{ title: { fr: '' }, fields },
		normalizeAnswers(fields, (contact ?? {}) as Record<string, string>),
		today
	);
}

/** The contact as stored and sent: trimmed, only what this kind of appointment asks. */
export function cleanContact(
	contact: Partial<Record<(typeof CONTACT_KEYS)[number], string>>,
	mode: AppointmentMode
): BookingContact {
	const trimmed = (value: string | undefined) => value?.trim() ?? '';
	const email = trimmed(contact.email);
	return {
		name: trimmed(contact.name),
		phone: trimmed(contact.phone),
		...(mode === 'home_visit' ? { address: trimmed(contact.address) } : {}),
		...(email ? { email } : {})
	};
}
