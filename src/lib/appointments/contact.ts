import { normalizeAnswers } from '$lib/forms/answers';
import type { FormField } from '$lib/forms/types';
import { isEmailAddress, validateStep, type FieldIssue } from '$lib/forms/validate';
import type { AppointmentMode } from './types';
import { nameIssue } from '$lib/forms/plain-text';
import { channelIssues } from '$lib/notices/choice';
import { NOTICE_CHANNELS, type NoticeChannel } from '$lib/notices/kinds';
import { notifyField } from '$lib/notices/choice-fields';

/** Who the office expects, and how to reach her: asked at the booking's confirm step. */
export interface BookingContact {
	name: string;
	phone: string;
	/** Where the agent goes, for a home visit; where the office writes, for notices by letter. */
	address?: string;
	/** For notices by e-mail. */
	email?: string;
	/** How she wants to be told of it (`contact.notify`). */
	notify?: NoticeChannel[];
}

export const CONTACT_KEYS = ['name', 'phone', 'address', 'email'] as const;

/**
 * The questions, in the same shape as a form's so the tablet and the server share one check.
 * The address is asked only for a home visit: the office's own address is given otherwise.
 */
export function contactFields(
	mode: AppointmentMode,
	t: (key: string) => string,
	{ byPost = false, offered = NOTICE_CHANNELS as readonly NoticeChannel[] } = {}
): FormField[] {
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
	// Where the agent goes for a home visit; where the office writes, for notices by letter.
	if (mode === 'home_visit' || byPost) {
		fields.push({
			name: 'address',
			type: 'textarea',
			label: text('booking.contact.address'),
			...(mode === 'home_visit' ? { hint: text('booking.contact.addressHint') } : {}),
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
	fields.push(notifyField(t, offered));
	return fields;
}

const noWords = (key: string) => key;

/** What is missing or wrong, field by field (`name`, `phone`, `address`, `email`), in field order. */
export function contactIssues(
	contact: Partial<Record<string, unknown>> | undefined,
	mode: AppointmentMode,
	today: string
): FieldIssue[] {
	const byPost = Array.isArray(contact?.notify) && contact.notify.includes('post');
	const fields = contactFields(mode, noWords, { byPost });
	const issues = validateStep(
		{ title: { fr: '' }, fields },
		normalizeAnswers(fields, (contact ?? {}) as Record<string, string>),
		today
	);
	// A way to be told she ticked without what it needs: said at the field to fill in.
	const notify = (Array.isArray(contact?.notify) ? contact.notify : []) as NoticeChannel[];
	const reach = contact as { email?: string; phone?: string; address?: string } | undefined;
	for (const issue of channelIssues(notify, reach ?? {})) {
		if (!issues.some((i) => i.field === issue.field)) issues.push(issue);
	}
	// Her name greets her in the commune's messages: only a name (the address: channelIssues).
	const name = nameIssue(typeof contact?.name === 'string' ? contact.name : null);
	if (name && !issues.some((i) => i.field === 'name'))
		issues.unshift({ field: 'name', code: name });
	return issues;
}

/** The contact as stored and sent: trimmed, only what this kind of appointment asks. */
export function cleanContact(
	contact: Partial<Record<(typeof CONTACT_KEYS)[number], string>> & {
		notify?: readonly NoticeChannel[];
	},
	mode: AppointmentMode
): BookingContact {
	const trimmed = (value: string | undefined) => value?.trim() ?? '';
	const email = trimmed(contact.email);
	const byPost = contact.notify?.includes('post') ?? false;
	return {
		name: trimmed(contact.name),
		phone: trimmed(contact.phone),
		...(mode === 'home_visit' || byPost ? { address: trimmed(contact.address) } : {}),
		...(email ? { email } : {}),
		...(contact.notify?.length ? { notify: [...new Set(contact.notify)] } : {})
	};
}

/**
 * The ways she is told once she typed her e-mail, while she has not chosen them herself: "Par
 * e-mail" ticked when the address looks complete, unticked again when she clears it.
 */
export function offerEmail(
	notify: string | string[] | undefined,
	email: string | string[]
): string[] {
	const ways = (Array.isArray(notify) ? notify : []).filter((c) => c !== 'email');
	return typeof email === 'string' && isEmailAddress(email.trim()) ? ['email', ...ways] : ways;
}
