import type { Localized } from '$lib/catalogue/types';
import { isRecord, normalizeAnswers } from './answers';
import type {
	Answers,
	FieldAnswer,
	FormDefinition,
	FormField,
	FormStep,
	MemberAnswers,
	RepeatGroup
} from './types';

// A repeated block ("Ajouter une personne"): a step whose questions are asked once per member of
// her household. Its answers sit under the block's name, one object per member, in her order.
// Blocks are not nested (as in Démarche Numérique): a member's answers are questions' answers.

/** A block's answers: a list of members (an empty list too; a list of choices has texts). */
export const isMemberList = (value: unknown): value is MemberAnswers[] =>
	Array.isArray(value) && value.every(isRecord);

/** The members she added to a block, in her order; none when she has not added any. */
export function membersOf(answers: Answers, name: string): MemberAnswers[] {
	const value = Object.hasOwn(answers, name) ? answers[name] : undefined;
	return isMemberList(value) ? value : [];
}

/** One question's answer, never a block's list of members. */
export function fieldAnswer(answers: Answers, name: string): FieldAnswer | undefined {
	const value = Object.hasOwn(answers, name) ? answers[name] : undefined;
	return Array.isArray(value) && value.some(isRecord) ? undefined : (value as FieldAnswer);
}

/** The steps asked once (not repeated) and their questions: the form's top-level answers. */
export const onceFields = (form: Pick<FormDefinition, 'steps'>): FormField[] =>
	form.steps.filter((s) => !s.repeat).flatMap((s) => s.fields);

/** Where a member's answer is named in problems and links: "foyer.0.lien" (0 = the first). */
export const memberPath = (group: string, index: number, field?: string) =>
	field === undefined ? `${group}.${index}` : `${group}.${index}.${field}`;

/** A problem's place: the block, the member (from 0) and the question, when it is in a block. */
export function pathParts(path: string): { group: string; index?: number; field?: string } {
	const [group = '', index, ...rest] = path.split('.');
	if (index === undefined || !/^\d+$/.test(index)) return { group: path };
	return { group, index: Number(index), ...(rest.length ? { field: rest.join('.') } : {}) };
}

/** "Personne 2": a member's title in every language the block's title has. */
export function memberTitle(repeat: RepeatGroup, index: number): Localized {
	return Object.fromEntries(
		Object.entries(repeat.itemTitle).map(([lang, text]) => [lang, `${text} ${index + 1}`])
	) as Localized;
}

/**
 * A block's questions in the pages a person is asked them on: a new page at each question marked
 * `startsPage` (a document, her money), so that one person is never one long page. A page keeps
 * its number whatever the answers: one with nothing to ask a person is passed over, not removed.
 */
export function memberPages(fields: FormField[]): FormField[][] {
	const pages: FormField[][] = [];
	for (const field of fields) {
		const last = pages.at(-1);
		if (!last || field.startsPage) pages.push([field]);
		else last.push(field);
	}
	return pages;
}

/** The page (from 1) of a block's question: where "Modifier" takes her. */
export const memberPageOf = (fields: FormField[], name: string) =>
	memberPages(fields).findIndex((page) => page.some((f) => f.name === name)) + 1;

/** The address of a person's page (from 1) in the block of step `number` (from 1). */
export const memberPageHref = (formId: string, number: number, index: number, page: number) =>
	`/demandes/${formId}/etape/${number}/${index + 1}${page > 1 ? `/${page}` : ''}`;

/** A person's first page in a block, or the page of one of their questions, scrolled to it. */
export function memberHref(
	formId: string,
	number: number,
	step: FormStep,
	index: number,
	field?: string
) {
	if (field === undefined) return memberPageHref(formId, number, index, 1);
	const page = Math.max(memberPageOf(step.fields, field), 1);
	return `${memberPageHref(formId, number, index, page)}#field-${field}`;
}

/** One member's answers as checked and sent (a member's answers are questions' answers). */
export const normalizeMember = (fields: FormField[], member: MemberAnswers) =>
	normalizeAnswers(fields, member) as MemberAnswers;

/** Answers as checked and sent, a block's members too: dates in ISO form, plain numbers. */
export function normalizeForm(form: FormDefinition, answers: Answers): Answers {
	const out = normalizeAnswers(onceFields(form), answers);
	for (const step of form.steps) {
		if (!step.repeat || !Object.hasOwn(answers, step.repeat.name)) continue;
		out[step.repeat.name] = membersOf(answers, step.repeat.name).map((member) =>
			normalizeMember(step.fields, member)
		);
	}
	return out;
}

/**
 * A new member's first answers: "comme moi" — each question that names one of hers (`sameAs`:
 * the same address, the same surname) starts with her answer, for her to keep or change.
 */
export function newMember(step: FormStep, answers: Answers): MemberAnswers {
	const member: MemberAnswers = {};
	for (const field of step.fields) {
		const hers = field.sameAs ? fieldAnswer(answers, field.sameAs) : undefined;
		if (hers !== undefined) member[field.name] = copyOf(hers);
	}
	return member;
}

/** A copy, so the member's answer changes alone (not with structuredClone: a page's state is a proxy). */
const copyOf = (answer: FieldAnswer): FieldAnswer =>
	Array.isArray(answer) ? [...answer] : typeof answer === 'object' ? { ...answer } : answer;

/** Her answers with one member's answer changed, the block's other members untouched. */
export function withMemberAnswer(
	answers: Answers,
	group: string,
	index: number,
	field: string,
	value: FieldAnswer
): Answers {
	const members = membersOf(answers, group).slice();
	members[index] = { ...members[index], [field]: value };
	return { ...answers, [group]: members };
}

/** Her answers without one member ("Retirer"). */
export function withoutMember(answers: Answers, group: string, index: number): Answers {
	return { ...answers, [group]: membersOf(answers, group).filter((_, i) => i !== index) };
}
