import * as v from 'valibot';
import { isPhoneNumber, PHONE_SEPARATORS, type FieldIssue } from '$lib/forms/validate';
import { addressIssue } from '$lib/forms/plain-text';

const isEmail = (text: string) => v.is(v.pipe(v.string(), v.email()), text);

/** How she may be told: her e-mail, her mobile, this tablet, or a letter printed by the office. */
export const NOTICE_CHANNELS = ['email', 'sms', 'push', 'post'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/** What she may be told of: bookings and their changes, reminders, her requests' progress. */
export const NOTICE_CHOICES = ['confirmation', 'reminder', 'status'] as const;
export type NoticeChoice = (typeof NOTICE_CHOICES)[number];

/** Her answers to a reminder. "cannot" cancels the appointment and frees the place. */
export const ANSWERS = ['coming', 'cannot', 'callback'] as const;
export type Answer = (typeof ANSWERS)[number];

/** What the tablet keeps in "Mes informations" and sends with a booking or a request. */
export interface NoticeChoices {
	channels: NoticeChannel[];
	kinds: NoticeChoice[];
}

/** Everything, by default, once she has picked a way to be told: she unticks what she does not want. */
export const DEFAULT_KINDS: NoticeChoice[] = [...NOTICE_CHOICES];

/**
 * A number an SMS can reach, in the international form providers take (33612345678), or null:
 * a French mobile (06, 07) or a number written with its country code outside France. A French
 * landline cannot take an SMS.
 */
export function mobileNumber(phone: string | null | undefined): string | null {
	if (!phone || !isPhoneNumber(phone)) return null;
	const compact = phone.replace(PHONE_SEPARATORS, '').replace(/^00/, '+');
	const french = /^(?:0|\+33)([67]\d{8})$/.exec(compact);
	if (french) return `33${french[1]}`;
	if (/^\+33/.test(compact) || /^0/.test(compact)) return null;
	return compact.slice(1);
}

export interface ReachableBy {
	email?: string | null;
	phone?: string | null;
	address?: string | null;
}

/**
 * A channel she ticked without the means to use it (`emailNeeded`, `mobileNeeded`,
 * `addressNeeded`), or an e-mail that is not one.
 */
export function channelIssues(
	channels: readonly NoticeChannel[],
	contact: ReachableBy
): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const email = contact.email?.trim();
	if (email && !isEmail(email)) issues.push({ field: 'email', code: 'invalidEmail' });
	else if (channels.includes('email') && !email) {
		issues.push({ field: 'email', code: 'emailNeeded' });
	}
	if (channels.includes('sms') && !mobileNumber(contact.phone)) {
		issues.push({ field: 'phone', code: 'mobileNeeded' });
	}
	if (channels.includes('post') && !contact.address?.trim()) {
		issues.push({ field: 'address', code: 'addressNeeded' });
	}
	// Her address is written into the commune's letters and messages: only an address.
	const address = addressIssue(contact.address);
	if (address) issues.push({ field: 'address', code: address });
	return issues;
}

/** As stored: ",email,sms," (see the notices migration). */
export const listColumn = (values: readonly string[]) =>
	values.length ? `,${[...new Set(values)].join(',')},` : '';
export const fromListColumn = <T extends string>(column: string | null | undefined): T[] =>
	(column ?? '').split(',').filter(Boolean) as T[];

/**
 * What a request carries so she is told of its progress, from "Mes informations": only the ways
 * that can reach her (a request is never refused for a notice's sake), nothing if she chose none.
 */
export function requestContact(
	profile: (ReachableBy & { notify?: NoticeChannel[]; notices?: NoticeChoice[] }) | undefined,
	language: string
) {
	const kinds = profile?.notices ?? DEFAULT_KINDS;
	if (!profile?.notify?.length || !kinds.includes('status')) return undefined;
	const notify = profile.notify.filter((channel) => channelIssues([channel], profile).length === 0);
	if (notify.length === 0) return undefined;
	const text = (value: string | null | undefined) => value?.trim() || undefined;
	return {
		notify,
		notices: ['status' as const],
		...(text(profile.email) ? { email: text(profile.email) } : {}),
		...(text(profile.phone) ? { phone: text(profile.phone) } : {}),
		...(text(profile.address) ? { address: text(profile.address) } : {}),
		language
	};
}
