import type { FormDefinition } from '$lib/forms/types';
import type { Localized } from './types';

/**
 * A text given a new French wording. Its translations are kept while the French is unchanged and
 * dropped when it changes: an outdated translation would tell her something the town hall no
 * longer says, while the French, marked as French, is at least true.
 */
export function withFrench(previous: Localized | undefined, fr: string): Localized {
	return previous && previous.fr === fr ? previous : { fr };
}

/** Every text of a form she reads while filling it: title, steps, questions, hints, choices. */
function formTexts(form: FormDefinition): Localized[] {
	return [
		form.title,
		...form.steps.flatMap((step) => [
			step.title,
			...step.fields.flatMap((field) => [
				field.label,
				...(field.hint ? [field.hint] : []),
				...(field.options ?? []).map((option) => option.label)
			])
		])
	];
}

/**
 * Whether she can fill the whole form in her language. French (and easy-read French, which falls
 * back on it) always can; another language only when no question, hint or choice is missing.
 */
export function formSpeaks(form: FormDefinition, lang: string): boolean {
	if (lang.startsWith('fr')) return true;
	return formTexts(form).every((text) => Boolean(text[lang]));
}
