import type { Profile } from '$lib/offline/device-types';
import type { DocumentAnswer } from '$lib/contract/documents';
import {
	ADDRESS_PARTS,
	type AddressAnswer,
	type Answers,
	type FieldAnswer,
	type FormDefinition,
	type MemberAnswers,
	type FormField,
	type ProfileField
} from './types';

/**
 * A date is typed in three boxes and kept as "year-month-day" exactly as typed ("1942-3-" while
 * half done), so a reload brings back every keystroke; it becomes YYYY-MM-DD only when complete.
 */
export function splitDate(value: unknown): { year: string; month: string; day: string } {
	const [year = '', month = '', day = ''] = typeof value === 'string' ? value.split('-') : [];
	return { year, month, day };
}

export function joinDate(parts: { year: string; month: string; day: string }): string {
	return parts.year || parts.month || parts.day ? `${parts.year}-${parts.month}-${parts.day}` : '';
}

function normalizeDate(raw: unknown): unknown {
	if (typeof raw !== 'string' || raw === '') return raw;
	const { year, month, day } = splitDate(raw);
	if (
		!/^\d{4}$/.test(year.trim()) ||
		!/^\d{1,2}$/.test(month.trim()) ||
		!/^\d{1,2}$/.test(day.trim())
	) {
		return raw;
	}
	return `${year.trim()}-${month.trim().padStart(2, '0')}-${day.trim().padStart(2, '0')}`;
}

/**
 * A number as she writes it on a cheque: "1 200 €", "1 200,50 euros", "12 000" — spaces between
 * thousands (a plain, no-break or narrow one) and the currency are not part of the number.
 * Anything else is left as typed, for the check to explain.
 */
function normalizeNumber(raw: unknown): unknown {
	if (typeof raw !== 'string') return raw;
	const bare = raw
		.trim()
		.replace(/\s*(€|euros?)$/i, '')
		.replace(
			/^(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?=[.,]\d+$|$)/,
			(_, head: string, rest: string) => head + rest.replace(/[ \u00a0\u202f]/g, '')
		);
	return /^-?\d+([.,]\d+)?$/.test(bare) ? bare : raw;
}

/** A number as she typed it ("1 200 €"), or null when it is none. */
export function numberOf(raw: unknown): number | null {
	const bare = normalizeNumber(raw);
	if (typeof bare !== 'string' || !/^-?\d+([.,]\d+)?$/.test(bare)) return null;
	return Number(bare.replace(',', '.'));
}

const NORMALIZE: Partial<Record<FormField['type'], (raw: unknown) => unknown>> = {
	date: normalizeDate,
	number: normalizeNumber,
	integer: normalizeNumber,
	amount: normalizeNumber
};

/** Answers as they are checked and sent: dates in ISO form, plain numbers, nothing from other versions. */
export function normalizeAnswers(fields: FormField[], answers: Answers): Answers {
	return Object.fromEntries(
		fields
			.filter((f) => Object.hasOwn(answers, f.name))
			.map((f) => [f.name, (NORMALIZE[f.type] ?? ((raw) => raw))(answers[f.name])])
	) as Answers;
}

/**
 * Answers as the wire carries them (any JSON by question name, checked against the form by the
 * server), back as the form's own kinds: texts, lists of choices, a ticked box, an address, and a
 * repeated block's members, each read the same way.
 */
export function answersOf(sent: Record<string, unknown>): Answers {
	const kept: Answers = {};
	for (const [name, value] of Object.entries(sent)) {
		const answer = fieldAnswerOf(value);
		if (answer !== undefined) kept[name] = answer;
		else if (Array.isArray(value) && value.every(isRecord))
			kept[name] = value.map((member) => {
				const answers: MemberAnswers = {};
				for (const [question, raw] of Object.entries(member)) {
					const one = fieldAnswerOf(raw);
					if (one !== undefined) answers[question] = one;
				}
				return answers;
			});
	}
	return kept;
}

/** A plain object (not a list, not null): a member's answers, an address, a document. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function fieldAnswerOf(value: unknown): FieldAnswer | undefined {
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
	if (isAddress(value)) return value;
	if (isDocument(value)) return value;
	return undefined;
}

/** A document's pages, as her answer names them (each checked by the form's validation). */
export function isDocument(value: unknown): value is DocumentAnswer {
	return (
		typeof value === 'object' &&
		value !== null &&
		Array.isArray((value as { pages?: unknown }).pages)
	);
}

/** An address's parts, each a text. */
export function isAddress(value: unknown): value is AddressAnswer {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const parts = value as Record<string, unknown>;
	return ADDRESS_PARTS.every((p) => typeof parts[p] === 'string');
}

/**
 * Her address as "Mes informations" keeps it (free text, on one line or two), in its parts when
 * it ends with a postcode and a town ("…, 87990 Val-de-Lierre"); otherwise all of it as the street,
 * for her to complete.
 */
export function addressFromText(text: string): AddressAnswer {
	const match = /^(.*?)[\s,]+(\d{5})\s+([^\d,\n][^,\n]*)$/s.exec(text.trim());
	if (!match) return { street: text.trim(), postcode: '', city: '' };
	return {
		street: match[1]!.replace(/\s*\n\s*/g, ', ').replace(/,\s*$/, ''),
		postcode: match[2]!,
		city: match[3]!.trim()
	};
}

/** "12 rue des Lilas, 87990 Val-de-Lierre": an address on one line, as a letter's would read. */
export const addressLine = (a: AddressAnswer) =>
	[a.street.trim(), `${a.postcode.trim()} ${a.city.trim()}`.trim()].filter(Boolean).join(', ');

export const allFields = (form: FormDefinition) => form.steps.flatMap((s) => s.fields);

/** First answers of a new draft: what "Mes informations" already knows. */
export function prefilled(form: FormDefinition, profile: Profile | undefined): Answers {
	const answers: Answers = {};
	if (!profile) return answers;
	for (const field of allFields(form)) {
		const value = field.prefill ? profile[field.prefill] : undefined;
		if (value) answers[field.name] = field.type === 'address' ? addressFromText(value) : value;
	}
	return answers;
}

/**
 * What she answered to the questions "Mes informations" can fill (name, phone, address…), to be
 * kept there if she asks: the next form offers them. Only plain, non-empty text answers.
 */
export function profileAnswers(
	form: FormDefinition,
	answers: Answers
): Partial<Record<ProfileField, string>> {
	const given: Partial<Record<ProfileField, string>> = {};
	for (const field of allFields(form)) {
		const raw = answers[field.name];
		const value = isAddress(raw) ? addressLine(raw) : raw;
		if (field.prefill && typeof value === 'string' && value.trim())
			given[field.prefill] = value.trim();
	}
	return given;
}

/** Whether those answers say something "Mes informations" does not hold already. */
export function differsFromProfile(
	given: Partial<Record<ProfileField, string>>,
	profile: Profile | undefined
): boolean {
	return Object.entries(given).some(
		([field, value]) => value !== (profile?.[field as ProfileField] ?? '').trim()
	);
}
