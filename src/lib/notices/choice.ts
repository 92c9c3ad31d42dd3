import * as v from 'valibot';
import { isPhoneNumber, type FieldIssue } from '$lib/forms/validate';
import { smsDestination } from './destinations';
import { NOTICE_CHOICES, type NoticeChannel, type NoticeChoice } from './kinds';
import { addressIssue } from '$lib/forms/plain-text';
import type { Language } from '$lib/i18n/languages';

const isEmail = (text: string) => v.is(v.pipe(v.string(), v.email()), text);

/** Everything, by default, once she has picked a way to be told: she unticks what she does not want. */
export const DEFAULT_KINDS: NoticeChoice[] = [...NOTICE_CHOICES];

/**
 * A number an SMS can reach, in the international form providers take (33612345678), or null:
 * a mobile by the numbering plan (a French landline, or 07 10…, cannot take an SMS). Whether the
 * commune texts its country is the server's to say (SMS_COUNTRIES).
 */
export function mobileNumber(phone: string | null | undefined): string | null {
	if (!phone || !isPhoneNumber(phone)) return null;
	const destination = smsDestination(phone);
	return 'number' in destination ? destination.number : null;
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
	language: Language
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
