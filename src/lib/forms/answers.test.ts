import { describe, expect, it } from 'vitest';
import { differsFromProfile, normalizeAnswers, profileAnswers } from './answers';
import type { FormDefinition, FormField } from './types';
import { validateStep } from './validate';

const amount: FormField = {
	name: 'revenus',
	type: 'number',
	label: { fr: 'Revenus' },
	required: true,
	min: 0
};

describe('an amount as she writes it', () => {
	it('reads thousands apart and the euro sign, and keeps what it cannot read for the check', () => {
		const read = (typed: string) => normalizeAnswers([amount], { revenus: typed }).revenus;
		expect(read('1 200 €')).toBe('1200');
		expect(read('1\u00a0200,50 euros')).toBe('1200,50');
		expect(read('12\u202f000')).toBe('12000');
		expect(read(' 850€ ')).toBe('850');
		expect(read('1 2 3')).toBe('1 2 3');
		expect(read('mille')).toBe('mille');
		const step = { title: { fr: 'Vos ressources' }, fields: [amount] };
		expect(
			validateStep(step, normalizeAnswers([amount], { revenus: '1 200 €' }), '2026-12-06')
		).toEqual([]);
		expect(
			validateStep(step, normalizeAnswers([amount], { revenus: '1 2 3' }), '2026-12-06')[0]?.code
		).toBe('notANumber');
	});
});

describe('her details in a request, for "Mes informations"', () => {
	const form: FormDefinition = {
		id: 'f',
		serviceId: 's',
		version: 1,
		title: { fr: 'Demande' },
		steps: [
			{
				title: { fr: 'Vous' },
				fields: [
					{ name: 'nom', type: 'text', label: { fr: 'Nom' }, required: true, prefill: 'name' },
					{
						name: 'adresse',
						type: 'textarea',
						label: { fr: 'Adresse' },
						required: true,
						prefill: 'address'
					},
					{ name: 'question', type: 'textarea', label: { fr: 'Question' }, required: false }
				]
			}
		]
	};

	it('takes only the answers a profile field can hold, trimmed, and never an empty one', () => {
		const given = profileAnswers(form, { nom: ' Paulette ', adresse: '', question: 'Bonjour' });
		expect(given).toEqual({ name: 'Paulette' });
	});

	it('is offered only when it says something "Mes informations" does not hold', () => {
		const given = profileAnswers(form, { nom: 'Paulette', adresse: '4 rue des Lilas' });
		const profile = { key: 'me' as const, name: 'Paulette', updatedAt: '' };
		expect(differsFromProfile(given, profile)).toBe(true);
		expect(differsFromProfile(given, { ...profile, address: '4 rue des Lilas' })).toBe(false);
		expect(differsFromProfile({}, undefined)).toBe(false);
	});
});
