import { commune } from '$lib/commune';
import { intlLocale } from '$lib/i18n/languages';
import type { Translator } from '$lib/i18n/i18n';
import { addressLine, isAddress, isDocument, numberOf, splitDate } from './answers';
import type { FormField } from './types';

/** An answer as the person reads it back: option labels, dates in words, "Pas de réponse". */
export function answerText(field: FormField, value: unknown, i18n: Translator): string {
	const label = (v: string) => i18n.pick(field.options?.find((o) => o.value === v)?.label) || v;
	if (field.type === 'consent')
		return value === true ? i18n.t('forms.consentGiven') : i18n.t('forms.noAnswer');
	if (isAddress(value)) return addressLine(value) || i18n.t('forms.noAnswer');
	if (isDocument(value))
		return value.pages.length
			? i18n.t('forms.documents.pages', { count: value.pages.length })
			: i18n.t('forms.noAnswer');
	if (Array.isArray(value))
		return value.length ? value.map(label).join(', ') : i18n.t('forms.noAnswer');
	if (typeof value !== 'string' || value.trim() === '') return i18n.t('forms.noAnswer');
	if (field.type === 'select' || field.type === 'radio') return label(value);
	if (field.type === 'date') {
		const { year, month, day } = splitDate(value);
		const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), 12));
		return Number.isNaN(date.getTime())
			? value
			: new Intl.DateTimeFormat(intlLocale(i18n.lang), {
					dateStyle: 'long',
					timeZone: 'UTC'
				}).format(date);
	}
	if (field.type === 'amount') {
		const amount = numberOf(value);
		return amount === null
			? value
			: new Intl.NumberFormat(intlLocale(i18n.lang), { style: 'currency', currency: 'EUR' }).format(
					amount
				);
	}
	return value;
}

type Words = Pick<Translator, 't' | 'pick' | 'langOf'>;

/** Between a question and what is wrong with its answer ("Votre nom : répondez…"). */
export const QUESTION_SEPARATOR = ' : ';

/** The language of an answer read back: a choice's label may exist only in French. */
export function answerLang(field: FormField, value: unknown, i18n: Words): string | undefined {
	if (field.type !== 'radio' && field.type !== 'select' && field.type !== 'checkbox') return;
	const first = Array.isArray(value) ? value[0] : value;
	return i18n.langOf(field.options?.find((o) => o.value === first)?.label);
}

/**
 * Her own words (a name, an address, a question) are in whatever language she typed them:
 * `dir="auto"` lets them run their own way inside an Arabic page, and tells audits so.
 */
export const typedAnswer = (field: FormField) =>
	field.type === 'text' || field.type === 'textarea' || field.type === 'address';

/** A problem with one answer: found on the device, or sent back by the server (its codes are wider). */
type FieldIssue = { field: string; code: string; count?: number };

/** What is wrong with an answer, in plain words. */
export function issueText(issue: FieldIssue, i18n: Words): string {
	// Some problems can only be solved by phone (a quota, a sending too long): the number is given.
	// Non-breaking spaces: the number never wraps in the middle at large text.
	const phone = commune.contact.phone.replace(/ /g, '\u00a0');
	return i18n.t(`errors.field.${issue.code}`, {
		phone,
		...(issue.count === undefined ? {} : { count: issue.count })
	});
}

/** The message shown under one field, if its answer has a problem. */
export function fieldError(issues: FieldIssue[], name: string, i18n: Words): string | undefined {
	const issue = issues.find((i) => i.field === name);
	return issue ? issueText(issue, i18n) : undefined;
}

/**
 * The error summary's lines: each names its question ("Votre nom : répondez à cette question") and
 * links to the field, on this page (default) or on the step that holds it.
 */
export function summaryLines(
	issues: FieldIssue[],
	fields: FormField[],
	i18n: Words,
	href: (issue: FieldIssue) => string = (issue) => `#field-${issue.field}`
) {
	return issues.map((issue) => {
		const text = issueText(issue, i18n);
		const question = fields.find((f) => f.name === issue.field)?.label;
		const label = i18n.pick(question);
		// A question the form no longer has (changed since she filled it) keeps the plain message.
		if (!label) return { href: href(issue), message: text };
		return {
			href: href(issue),
			message: `${text.charAt(0).toLocaleLowerCase()}${text.slice(1)}`,
			// The question's words, marked French when the form has no version in her language.
			label,
			lang: i18n.langOf(question)
		};
	});
}
