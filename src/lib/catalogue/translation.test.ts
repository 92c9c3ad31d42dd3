import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '$lib/forms/types';
import { formSpeaks, withFrench } from './translation';

const form = (optionLabel: FormDefinition['title']): FormDefinition => ({
	id: 'f',
	serviceId: 's',
	version: 1,
	title: { fr: 'Demande', ar: 'طلب' },
	steps: [
		{
			title: { fr: 'Vous', ar: 'أنت' },
			fields: [
				{
					name: 'seul',
					type: 'radio',
					label: { fr: 'Vivez-vous seule ?', ar: 'هل تعيشين وحدك؟' },
					required: true,
					options: [{ value: 'oui', label: optionLabel }]
				}
			]
		}
	]
});

describe('a catalogue text in several languages', () => {
	it('keeps its translations while its French is unchanged, and drops them when it changes', () => {
		const before = { fr: 'Repas', en: 'Meals', ar: 'وجبات' };
		expect(withFrench(before, 'Repas')).toEqual(before);
		expect(withFrench(before, 'Repas livrés')).toEqual({ fr: 'Repas livrés' });
		expect(withFrench(undefined, 'Repas')).toEqual({ fr: 'Repas' });
	});

	it('makes a form “in her language” only when every question, hint and choice is', () => {
		expect(formSpeaks(form({ fr: 'Oui', ar: 'نعم' }), 'ar')).toBe(true);
		// One choice left in French: she is told before she starts.
		expect(formSpeaks(form({ fr: 'Oui' }), 'ar')).toBe(false);
		expect(formSpeaks(form({ fr: 'Oui' }), 'en')).toBe(false);
		expect(formSpeaks(form({ fr: 'Oui' }), 'fr-x-falc')).toBe(true);
	});
});
