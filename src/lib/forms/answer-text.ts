import type { Translator } from '$lib/i18n/i18n';
import { splitDate } from './answers';
import type { FormField } from './types';

/** An answer as the person reads it back: option labels, dates in words, "Pas de réponse". */
export function answerText(field: FormField, value: unknown, i18n: Translator): string {
	const label = (v: string) => i18n.pick(field.options?.find((o) => o.value === v)?.label) || v;
	if (field.type === 'consent')
		return value === true ? i18n.t('forms.consentGiven') : i18n.t('forms.noAnswer');
	if (Array.isArray(value))
		return value.length ? value.map(label).join(', ') : i18n.t('forms.noAnswer');
	if (typeof value !== 'string' || value.trim() === '') return i18n.t('forms.noAnswer');
	if (field.type === 'select' || field.type === 'radio') return label(value);
	if (field.type === 'date') {
		const { year, month, day } = splitDate(value);
		const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), 12));
		return Number.isNaN(date.getTime())
			? value
			: new Intl.DateTimeFormat(i18n.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
	}
	return value;
}

/** "Répondez…" after a question's label and a colon reads better as "répondez…". */
export function lowerFirst(text: string): string {
	return text.charAt(0).toLocaleLowerCase() + text.slice(1);
}
