import * as v from 'valibot';
import type {
	AddressAnswer,
	Answer,
	Answers,
	FormDefinition,
	FormField,
	FormStep,
	MemberAnswers,
	RepeatGroup
} from './types';
import { visibility } from './conditions';
import { isMemberList, memberPath, onceFields } from './groups';
import {
	DOCUMENT_MAX_PAGES,
	REQUEST_MAX_BYTES,
	REQUEST_MAX_PAGES,
	documentPageSchema,
	type DocumentPage
} from '$lib/contract/documents';
import { pagesNamed } from '$lib/documents/in-answers';

/** An e-mail address as every form checks it (and as a booking's step offers its channel). */
export const isEmailAddress = (text: string) => v.is(v.pipe(v.string(), v.email()), text);
import type { PlainTextCode } from './plain-text';
import type { PageRefusal } from '$lib/contract/documents';

/** Why an answer is refused; the interface turns each code into plain words (`errors.field.*`). */
export type IssueCode =
	| 'required'
	| 'tooLong'
	| 'invalidEmail'
	| 'invalidPhone'
	| 'invalidFormat'
	| 'invalidDate'
	| 'yearDigits'
	| 'dateTooEarly'
	| 'dateTooLate'
	| 'notANumber'
	| 'notAWholeNumber'
	| 'notAnAmount'
	| 'addressIncomplete'
	| 'invalidPostcode'
	| 'numberTooSmall'
	| 'numberTooLarge'
	| 'invalidChoice'
	| 'consentRequired'
	| 'unknownField'
	| 'emailNeeded'
	| 'mobileNeeded'
	| 'addressNeeded'
	| 'documentRequired'
	| 'documentTooManyPages'
	| 'requestTooManyPages'
	| 'documentUnreadable'
	| 'documentTooLarge'
	| 'documentNotReceived'
	| PageRefusal
	| 'membersTooFew'
	| 'membersTooMany'
	| PlainTextCode;

export interface FieldIssue {
	/** The question's name; in a repeated block, "block.member.question" (member from 0). */
	field: string;
	code: IssueCode;
	/** For the words: a block's count ("ajoutez-en au moins 1"). */
	count?: number;
}

const DEFAULT_MAX_LENGTH = 500;
/** Separators people type inside a number; what is left must be digits, with an optional +. */
export const PHONE_SEPARATORS = /[\s.()-]/g;

/**
 * Counts digits, not characters: a French number has 10 digits starting with 0, or +33 (0033)
 * and 9; a number from abroad (a relative in Portugal) is + and 8 to 15 digits (E.164).
 */
export function isPhoneNumber(text: string): boolean {
	const compact = text.replace(PHONE_SEPARATORS, '');
	if (/^0\d{9}$/.test(compact)) return true;
	if (/^(?:\+|00)33[1-9]\d{8}$/.test(compact)) return true;
	return /^\+(?!33)[1-9]\d{7,14}$/.test(compact);
}
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `today`, `today+2`, `today-1` or an ISO day, resolved against `today` (the commune's date). */
export function resolveDay(bound: string | number | undefined, today: string): string | undefined {
	if (typeof bound !== 'string') return undefined;
	const relative = /^today([+-]\d+)?$/.exec(bound);
	if (!relative) return bound;
	const date = new Date(`${today}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() + Number(relative[1] ?? 0));
	return date.toISOString().slice(0, 10);
}

export function isCalendarDay(value: string): boolean {
	if (!ISO_DAY.test(value)) return false;
	const date = new Date(`${value}T12:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function fieldSchema(field: FormField, today: string) {
	const values = (field.options ?? []).map((o) => o.value);
	const text = (max: number) => {
		const base = v.pipe(v.string('invalidFormat'), v.trim(), v.maxLength(max, 'tooLong'));
		return field.required ? v.pipe(base, v.minLength(1, 'required')) : base;
	};
	switch (field.type) {
		case 'text':
		case 'textarea': {
			const max = typeof field.max === 'number' ? field.max : DEFAULT_MAX_LENGTH;
			if (!field.pattern) return text(max);
			return v.pipe(
				text(max),
				v.check((s) => s === '' || new RegExp(field.pattern!).test(s), 'invalidFormat')
			);
		}
		case 'email':
			return v.pipe(
				text(254),
				v.check((s) => s === '' || isEmailAddress(s), 'invalidEmail')
			);
		case 'tel':
			return v.pipe(
				text(20),
				v.check((s) => s === '' || isPhoneNumber(s), 'invalidPhone')
			);
		case 'date': {
			const min = resolveDay(field.min, today);
			const max = resolveDay(field.max, today);
			return v.pipe(
				text(12),
				// "42" for 1942: she is told the year wants its four digits, not that the date is wrong.
				v.check((s) => s === '' || !/^\d{1,3}-\d{1,2}-\d{1,2}$/.test(s), 'yearDigits'),
				v.check((s) => s === '' || isCalendarDay(s), 'invalidDate'),
				v.check((s) => s === '' || !min || s >= min, 'dateTooEarly'),
				v.check((s) => s === '' || !max || s <= max, 'dateTooLate')
			);
		}
		case 'number':
		case 'integer':
		case 'amount': {
			const min =
				typeof field.min === 'number' ? field.min : field.type === 'amount' ? 0 : undefined;
			const max = typeof field.max === 'number' ? field.max : undefined;
			// A whole number has no decimals; an amount, euros and at most two digits of cents.
			const shape = {
				number: [/^-?\d+([.,]\d+)?$/, 'notANumber'],
				integer: [/^-?\d+$/, 'notAWholeNumber'],
				amount: [/^\d+([.,]\d{1,2})?$/, 'notAnAmount']
			} as const;
			const [pattern, code] = shape[field.type];
			return v.pipe(
				text(15),
				v.check((s) => s === '' || pattern.test(s), code),
				v.check(
					(s) => s === '' || min === undefined || Number(s.replace(',', '.')) >= min,
					'numberTooSmall'
				),
				v.check(
					(s) => s === '' || max === undefined || Number(s.replace(',', '.')) <= max,
					'numberTooLarge'
				)
			);
		}
		case 'select':
		case 'radio':
			return v.pipe(
				text(200),
				v.check((s) => s === '' || values.includes(s), 'invalidChoice')
			);
		case 'checkbox': {
			const list = v.pipe(
				v.array(v.picklist(values, 'invalidChoice'), 'invalidFormat'),
				v.maxLength(values.length, 'invalidChoice')
			);
			return field.required ? v.pipe(list, v.minLength(1, 'required')) : list;
		}
		case 'consent':
			return field.required ? v.literal(true, 'consentRequired') : v.boolean('invalidFormat');
		case 'document': {
			const pages = v.pipe(
				v.array(
					// One word for any fault in a page's name: the tablet wrote it, not she.
					v.custom<DocumentPage>((page) => v.is(documentPageSchema, page), 'invalidFormat'),
					'invalidFormat'
				),
				v.maxLength(DOCUMENT_MAX_PAGES, 'documentTooManyPages')
			);
			return v.strictObject(
				{
					pages: field.required ? v.pipe(pages, v.minLength(1, 'documentRequired')) : pages
				},
				'invalidFormat'
			);
		}
		case 'address': {
			const part = (max: number) =>
				v.pipe(v.string('invalidFormat'), v.trim(), v.maxLength(max, 'tooLong'));
			const given = (a: AddressAnswer) => [a.street, a.postcode, a.city].filter(Boolean).length;
			return v.pipe(
				v.strictObject({ street: part(200), postcode: part(10), city: part(100) }, 'invalidFormat'),
				// Nothing given: required or not, as for a text. Something given: all of it.
				v.check((a) => !field.required || given(a) > 0, 'required'),
				v.check((a) => given(a) === 0 || given(a) === 3, 'addressIncomplete'),
				v.check((a) => a.postcode === '' || /^\d{5}$/.test(a.postcode), 'invalidPostcode')
			);
		}
	}
}

/** What an untouched field holds, so a missing answer reads as "required", not as a type error. */
export function emptyAnswer(field: FormField): Answer {
	return field.type === 'checkbox'
		? []
		: field.type === 'consent'
			? false
			: field.type === 'address'
				? { street: '', postcode: '', city: '' }
				: field.type === 'document'
					? { pages: [] }
					: '';
}

function check(fields: FormField[], answers: Answers, today: string, strict: boolean) {
	const entries = Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f, today)]));
	// Built with fromEntries (own properties only): a key such as "__proto__" stays a plain, unknown key.
	const extra = strict
		? Object.entries(answers).filter(([key]) => !Object.hasOwn(entries, key))
		: [];
	const normalized: Record<string, unknown> = Object.fromEntries([
		...fields.map((field) => [
			field.name,
			Object.hasOwn(answers, field.name) ? answers[field.name] : emptyAnswer(field)
		]),
		...extra
	]);
	const schema = strict ? v.strictObject(entries, 'unknownField') : v.object(entries);
	const result = v.safeParse(schema, normalized, { abortPipeEarly: true });
	if (result.success) return { issues: [] as FieldIssue[], output: result.output as Answers };
	const seen = new Set<string>();
	const issues: FieldIssue[] = [];
	for (const issue of result.issues) {
		const field = String(issue.path?.[0]?.key ?? '');
		if (seen.has(field)) continue;
		seen.add(field);
		issues.push({ field, code: (issue.message as IssueCode) ?? 'invalidFormat' });
	}
	return { issues, output: undefined };
}

/** One step's answers, as the person moves on: every problem of the step at once, in field order. */
export function validateStep(step: FormStep, answers: Answers, today: string): FieldIssue[] {
	const { issues } = check(step.fields, answers, today, false);
	const order = step.fields.map((f) => f.name);
	return issues.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/**
 * A repeated block's members, as she leaves its page or sends the form: between its minimum and
 * maximum, each member's questions (those its answers ask) checked as a step's are, each problem
 * named "block.member.question". `asked` is each member's questions (visibility's `members`).
 */
export function validateMembers(
	repeat: RepeatGroup,
	fields: FormField[],
	value: unknown,
	asked: Set<string>[],
	today: string,
	strict = false
): { issues: FieldIssue[]; output: MemberAnswers[] | undefined } {
	const members = value === undefined ? [] : value;
	if (!isMemberList(members) || members.length > 50) {
		return { issues: [{ field: repeat.name, code: 'invalidFormat' }], output: undefined };
	}
	const issues: FieldIssue[] = [];
	if (members.length < repeat.min)
		issues.push({ field: repeat.name, code: 'membersTooFew', count: repeat.min });
	if (members.length > repeat.max)
		issues.push({ field: repeat.name, code: 'membersTooMany', count: repeat.max });
	const output: MemberAnswers[] = [];
	members.forEach((member, index) => {
		const shown = fields.filter((f) => asked[index]?.has(f.name));
		// Her answers to questions this member is not asked are dropped, as for the form's own.
		const kept = strict
			? Object.fromEntries(
					Object.entries(member).filter(
						([name]) => asked[index]?.has(name) || !fields.some((f) => f.name === name)
					)
				)
			: member;
		const result = check(shown, kept as Answers, today, strict);
		const order = shown.map((f) => f.name);
		issues.push(
			...result.issues
				.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
				.map((issue) => ({ ...issue, field: memberPath(repeat.name, index, issue.field) }))
		);
		if (result.output) output.push(result.output as MemberAnswers);
	});
	return { issues, output: issues.length ? undefined : output };
}

/**
 * A whole submission, as the server applies it: every question she was asked (the form's
 * conditions, read from her answers), and nothing else. An answer to a question her answers hide
 * is dropped, unchecked, like the tablet drops it; a name the form does not have is refused. A
 * repeated block is checked member by member; its problems come where the block is in the form.
 */
export function validateAnswers(form: FormDefinition, answers: unknown, today: string) {
	if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
		return { issues: [{ field: '', code: 'invalidFormat' as IssueCode }], output: undefined };
	}
	const given = answers as Answers;
	// Ages read against the day the answers are checked for, as every other date rule is.
	const shown = visibility(form, given, today);
	const once = onceFields(form);
	const blocks = form.steps.filter((s) => s.repeat);
	const known = new Set([...once.map((f) => f.name), ...blocks.map((s) => s.repeat!.name)]);
	const asked = Object.fromEntries(
		Object.entries(given).filter(
			([name]) => (shown.fields.has(name) || !known.has(name)) && !shown.members.has(name)
		)
	);
	const top = check(
		once.filter((f) => shown.fields.has(f.name)),
		asked,
		today,
		true
	);
	const issues = [...top.issues];
	const output: Answers = { ...top.output };
	for (const step of blocks) {
		const { name } = step.repeat!;
		const members = shown.members.get(name);
		if (!members) continue;
		const result = validateMembers(step.repeat!, step.fields, given[name], members, today, true);
		issues.push(...result.issues);
		if (result.output) output[name] = result.output;
	}
	// In the form's order: a block's problems where the block is.
	const order = form.steps.flatMap((s) =>
		s.repeat ? [s.repeat.name] : s.fields.map((f) => f.name)
	);
	const place = (issue: FieldIssue) => {
		const at = order.indexOf(issue.field.split('.')[0]!);
		return at === -1 ? order.length : at;
	};
	issues.push(...requestPageIssues(output));
	issues.sort((a, b) => place(a) - place(b));
	return issues.length ? { issues, output: undefined } : { issues, output };
}

/**
 * Her papers, every document together, within a request's limits: named at the question whose
 * pages go past them, where she can take some out.
 */
function requestPageIssues(answers: Answers): FieldIssue[] {
	let count = 0;
	let bytes = 0;
	for (const { field, page } of pagesNamed(answers)) {
		count += 1;
		bytes += page.size;
		if (count > REQUEST_MAX_PAGES || bytes > REQUEST_MAX_BYTES) {
			return [{ field, code: 'requestTooManyPages', count: REQUEST_MAX_PAGES }];
		}
	}
	return [];
}
