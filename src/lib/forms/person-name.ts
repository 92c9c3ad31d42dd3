import type { FormDefinition } from './types';

/** The name a person gave in a form (the field prefilled from "Mes informations"), or ''. */
export function personNameOf(form: FormDefinition, answers: Record<string, unknown>): string {
	for (const step of form.steps) {
		for (const field of step.fields) {
			const value = answers[field.name];
			if (field.prefill === 'name' && typeof value === 'string') return value.trim().slice(0, 200);
		}
	}
	return '';
}

/** Lowercased, accents and extra spaces removed: "Hélène  Dupré" and "helene dupre" meet. */
export function searchKey(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
