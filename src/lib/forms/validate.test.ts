import { describe, expect, it } from 'vitest';
import type { FormDefinition, FormField } from './types';
import { resolveDay, validateAnswers, validateStep } from './validate';
import { addressFromText, answersOf, normalizeAnswers } from './answers';
import { answerText } from './answer-text';
import { createTranslator } from '$lib/i18n/i18n';

const today = '2026-11-25';
const field = (f: Partial<FormField> & Pick<FormField, 'name' | 'type'>): FormField => ({
	label: { fr: f.name },
	required: true,
	...f
});

const form: FormDefinition = {
	id: 'test',
	serviceId: 'svc',
	title: { fr: 'Test' },
	version: 1,
	steps: [
		{
			title: { fr: 'Vous' },
			fields: [
				field({ name: 'nom', type: 'text', max: 20 }),
				field({ name: 'tel', type: 'tel' }),
				field({ name: 'mail', type: 'email', required: false }),
				field({ name: 'naissance', type: 'date', min: '1900-01-01', max: 'today' })
			]
		},
		{
			title: { fr: 'Choix' },
			fields: [
				field({
					name: 'regime',
					type: 'select',
					options: [
						{ value: 'aucun', label: { fr: 'Aucun' } },
						{ value: 'sans-sel', label: { fr: 'Sans sel' } }
					]
				}),
				field({
					name: 'jours',
					type: 'checkbox',
					options: [
						{ value: 'lundi', label: { fr: 'Lundi' } },
						{ value: 'mardi', label: { fr: 'Mardi' } }
					]
				}),
				field({ name: 'personnes', type: 'number', min: 1, max: 12 }),
				field({ name: 'accord', type: 'consent' })
			]
		}
	]
};

const good = {
	nom: 'Jeanne Martin',
	tel: '06 12 34 56 78',
	mail: '',
	naissance: '1942-03-14',
	regime: 'sans-sel',
	jours: ['lundi'],
	personnes: '2',
	accord: true
};

describe('shared answer validation', () => {
	it('accepts a complete, correct submission and trims text', () => {
		const { issues, output } = validateAnswers(form, { ...good, nom: '  Jeanne Martin ' }, today);
		expect(issues).toEqual([]);
		expect(output?.nom).toBe('Jeanne Martin');
	});

	it('says which fields are missing, one problem per field, in order', () => {
		expect(validateStep(form.steps[0]!, {}, today)).toEqual([
			{ field: 'nom', code: 'required' },
			{ field: 'tel', code: 'required' },
			{ field: 'naissance', code: 'required' }
		]);
	});

	it('explains each kind of wrong answer', () => {
		const issues = validateAnswers(
			form,
			{
				...good,
				nom: 'x'.repeat(21),
				tel: '12',
				mail: 'pas-un-courriel',
				naissance: '1942-02-30',
				regime: 'frites',
				jours: [],
				personnes: '40',
				accord: false
			},
			today
		).issues;
		expect(Object.fromEntries(issues.map((i) => [i.field, i.code]))).toEqual({
			nom: 'tooLong',
			tel: 'invalidPhone',
			mail: 'invalidEmail',
			naissance: 'invalidDate',
			regime: 'invalidChoice',
			jours: 'required',
			personnes: 'numberTooLarge',
			accord: 'consentRequired'
		});
	});

	it('counts a phone number’s digits, and asks for a year’s four digits', () => {
		const telIssue = (tel: string) =>
			validateStep(form.steps[0]!, { ...good, tel }, today).find((i) => i.field === 'tel')?.code;
		for (const ok of [
			'06 12 34 56 78',
			'06.12.34.56.78',
			'+33 6 12 34 56 78',
			'0033612345678',
			'+351 912 345 678'
		])
			expect(telIssue(ok), ok).toBeUndefined();
		for (const wrong of [
			'06 12 34 56 7',
			'06 12 34 56 789',
			'+33 06 12 34 56 78',
			'6 12 34 56 78',
			'+33 6 12 34 56 7',
			'zéro six douze'
		])
			expect(telIssue(wrong), wrong).toBe('invalidPhone');
		const dateIssue = (naissance: string) =>
			validateStep(form.steps[0]!, { ...good, naissance }, today).find(
				(i) => i.field === 'naissance'
			)?.code;
		expect(dateIssue('42-3-12')).toBe('yearDigits');
		expect(dateIssue('942-03-12')).toBe('yearDigits');
		expect(dateIssue('1942-03-12')).toBeUndefined();
		expect(dateIssue('1942-02-30')).toBe('invalidDate');
	});

	it('checks date bounds relative to today', () => {
		const issues = validateStep(form.steps[0]!, { ...good, naissance: '2027-01-01' }, today);
		expect(issues).toEqual([{ field: 'naissance', code: 'dateTooLate' }]);
		expect(resolveDay('today+2', today)).toBe('2026-11-27');
		expect(resolveDay('today-30', today)).toBe('2026-10-26');
	});

	it('refuses fields the form does not have, and payloads that are not objects', () => {
		expect(validateAnswers(form, { ...good, extra: 'x' }, today).issues).toContainEqual({
			field: 'extra',
			code: 'unknownField'
		});
		expect(validateAnswers(form, 'nope', today).issues[0]?.code).toBe('invalidFormat');
		const polluted = JSON.parse('{"__proto__": {"admin": true}}');
		expect(validateAnswers(form, { ...good, ...polluted }, today).issues).toContainEqual({
			field: '__proto__',
			code: 'unknownField'
		});
		expect(validateAnswers(form, { ...good, jours: 'lundi' }, today).issues[0]).toEqual({
			field: 'jours',
			code: 'invalidFormat'
		});
	});
});

describe('whole numbers and amounts in euros', () => {
	const household: FormDefinition = {
		...form,
		steps: [
			{
				title: { fr: 'Foyer' },
				fields: [
					field({ name: 'personnes', type: 'integer', min: 1, max: 12 }),
					field({ name: 'revenus', type: 'amount' })
				]
			}
		]
	};
	const check = (personnes: string, revenus: string) =>
		Object.fromEntries(
			validateStep(
				household.steps[0]!,
				normalizeAnswers(household.steps[0]!.fields, { personnes, revenus }),
				today
			).map((i) => [i.field, i.code])
		);

	it('reads them as she writes them, and says plainly what is wrong', () => {
		expect(check('3', '1 200 €')).toEqual({});
		expect(check('3', '850,50 euros')).toEqual({});
		expect(check('2,5', '850,505')).toEqual({
			personnes: 'notAWholeNumber',
			revenus: 'notAnAmount'
		});
		expect(check('0', '-20')).toEqual({ personnes: 'numberTooSmall', revenus: 'notAnAmount' });
		expect(check('deux', 'mille')).toEqual({
			personnes: 'notAWholeNumber',
			revenus: 'notAnAmount'
		});
	});

	it('reads an amount back in euros, in her language', () => {
		const amount = household.steps[0]!.fields[1]!;
		const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
		expect(nbsp(answerText(amount, '1200', createTranslator('fr')))).toBe('1 200,00 €');
		expect(answerText(amount, '850.5', createTranslator('en'))).toBe('€850.50');
	});
});

describe('an address in its parts', () => {
	const where = field({ name: 'adresse', type: 'address' });
	const step = { title: { fr: 'Où' }, fields: [where] };
	const issue = (adresse: unknown) => validateStep(step, { adresse } as never, today)[0]?.code;

	it('asks for all of it, with a postcode of five digits', () => {
		expect(issue({ street: '4 rue des Lilas', postcode: '87990', city: 'Val-de-Lierre' })).toBe(
			undefined
		);
		expect(issue({ street: '', postcode: '', city: '' })).toBe('required');
		expect(validateStep(step, {}, today)[0]?.code).toBe('required');
		expect(issue({ street: '4 rue des Lilas', postcode: '', city: 'Val-de-Lierre' })).toBe(
			'addressIncomplete'
		);
		expect(issue({ street: '4 rue des Lilas', postcode: '8799', city: 'Val-de-Lierre' })).toBe(
			'invalidPostcode'
		);
		expect(issue('4 rue des Lilas')).toBe('invalidFormat');
		expect(issue({ street: '4 rue des Lilas', postcode: '87990', city: 'X', country: 'FR' })).toBe(
			'invalidFormat'
		);
	});

	it('is offered from "Mes informations" in its parts, and kept there on one line', () => {
		expect(addressFromText('4 rue des Lilas\n87990 Val-de-Lierre')).toEqual({
			street: '4 rue des Lilas',
			postcode: '87990',
			city: 'Val-de-Lierre'
		});
		expect(
			addressFromText('Résidence Les Tilleuls, bât. B, 4 rue des Lilas, 87990 Val-de-Lierre')
		).toEqual({
			street: 'Résidence Les Tilleuls, bât. B, 4 rue des Lilas',
			postcode: '87990',
			city: 'Val-de-Lierre'
		});
		expect(addressFromText('chez ma fille')).toEqual({
			street: 'chez ma fille',
			postcode: '',
			city: ''
		});
		const given = { street: '4 rue des Lilas', postcode: '87990', city: 'Val-de-Lierre' };
		expect(answerText(where, given, createTranslator('fr'))).toBe(
			'4 rue des Lilas, 87990 Val-de-Lierre'
		);
		expect(answersOf({ adresse: given, autre: { street: 1 } })).toEqual({ adresse: given });
	});
});
