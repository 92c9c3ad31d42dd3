import { describe, expect, it } from 'vitest';
import type { Condition } from '$lib/contract/conditions';
import { ageOn, conditionProblems, holds, shownAnswers, visibility } from './conditions';
import type { FormDefinition } from './types';
import { validateAnswers } from './validate';
import { communeDay } from '$lib/time/commune-time';
import { question as field, choices, formOf } from '$tests/support/fixtures';

const today = '2026-12-06';

/** A household's first questions: who she lives with, their number, her income, her job. */
const form = formOf([
	{
		title: { fr: 'Vous' },
		fields: [
			field({ name: 'seule', type: 'radio', options: choices('oui', 'non') }),
			field({
				name: 'combien',
				type: 'number',
				min: 1,
				max: 12,
				showIf: { field: 'seule', op: 'equals', value: 'non' }
			}),
			field({
				name: 'enfants',
				type: 'radio',
				options: choices('oui', 'non'),
				showIf: { field: 'combien', op: 'gte', value: 2 }
			})
		]
	},
	{
		title: { fr: 'Ressources' },
		showIf: {
			any: [
				{ field: 'seule', op: 'equals', value: 'oui' },
				{ field: 'enfants', op: 'answered' }
			]
		},
		fields: [
			field({ name: 'revenus', type: 'number' }),
			field({
				name: 'aides',
				type: 'checkbox',
				options: choices('apl', 'aah', 'rsa'),
				required: false
			}),
			field({
				name: 'montant-aah',
				type: 'number',
				showIf: {
					all: [
						{ field: 'aides', op: 'equals', value: 'aah' },
						{ field: 'revenus', op: 'lt', value: 2000 }
					]
				}
			})
		]
	}
]);

describe('conditions on earlier answers', () => {
	it('reads each kind of rule as she would', () => {
		const a = { seule: 'non', combien: '1 200 €', aides: ['apl', 'aah'], vide: '  ', oui: true };
		const check = (c: Condition) => holds(c, a);
		expect(check({ field: 'seule', op: 'equals', value: 'non' })).toBe(true);
		expect(check({ field: 'seule', op: 'differs', value: 'non' })).toBe(false);
		expect(check({ field: 'absente', op: 'differs', value: 'non' })).toBe(true);
		expect(check({ field: 'aides', op: 'equals', value: 'aah' })).toBe(true);
		expect(check({ field: 'aides', op: 'oneOf', values: ['rsa', 'apl'] })).toBe(true);
		expect(check({ field: 'aides', op: 'oneOf', values: ['rsa'] })).toBe(false);
		expect(check({ field: 'vide', op: 'answered' })).toBe(false);
		expect(check({ field: 'vide', op: 'notAnswered' })).toBe(true);
		expect(check({ field: 'oui', op: 'answered' })).toBe(true);
		// "1 200 €" is the number 1200, as the form reads it.
		expect(check({ field: 'combien', op: 'gt', value: 1199 })).toBe(true);
		expect(check({ field: 'combien', op: 'lte', value: 1199 })).toBe(false);
		// Not a number: no comparison holds, either way.
		expect(check({ field: 'seule', op: 'lt', value: 5 })).toBe(false);
		expect(check({ field: 'seule', op: 'gte', value: 5 })).toBe(false);
		expect(
			check({
				all: [
					{ field: 'seule', op: 'equals', value: 'non' },
					{ field: 'vide', op: 'answered' }
				]
			})
		).toBe(false);
		expect(
			check({
				any: [
					{ field: 'seule', op: 'equals', value: 'oui' },
					{ field: 'oui', op: 'answered' }
				]
			})
		).toBe(true);
	});

	it('asks what her answers call for, and hides what depends on a hidden answer', () => {
		expect(visibility(form, {})).toMatchObject({ fields: new Set(['seule']), steps: [1] });
		expect(visibility(form, { seule: 'oui' }).steps).toEqual([1, 2]);
		const household = { seule: 'non', combien: '3', enfants: 'oui' };
		expect([...visibility(form, household).fields]).toEqual([
			'seule',
			'combien',
			'enfants',
			'revenus',
			'aides'
		]);
		// She changes her mind: living alone. The number and the children, still in her draft, are
		// hidden; so is all that followed from them.
		const changed = { ...household, seule: 'oui' };
		expect([...visibility(form, changed).fields]).toEqual(['seule', 'revenus', 'aides']);
		expect(shownAnswers(form, changed)).toEqual({ seule: 'oui' });
		expect(
			visibility(form, { seule: 'oui', revenus: '900', aides: ['aah'] }).fields.has('montant-aah')
		).toBe(true);
		expect(
			visibility(form, { seule: 'oui', revenus: '2 500', aides: ['aah'] }).fields.has('montant-aah')
		).toBe(false);
	});

	it('checks only the questions asked, drops answers to hidden ones, refuses unknown names', () => {
		// Living with two others: the number is required, the children too.
		expect(validateAnswers(form, { seule: 'non', combien: '3' }, today).issues).toEqual([
			{ field: 'enfants', code: 'required' }
		]);
		// Living alone: a stale number (even a wrong one) is neither checked nor kept.
		const alone = validateAnswers(
			form,
			{ seule: 'oui', combien: 'beaucoup', revenus: '900', aides: [] },
			today
		);
		expect(alone.issues).toEqual([]);
		expect(alone.output).toEqual({ seule: 'oui', revenus: '900', aides: [] });
		expect(
			validateAnswers(form, { seule: 'oui', revenus: '900', autre: 'x' }, today).issues
		).toEqual([{ field: 'autre', code: 'unknownField' }]);
	});

	it('refuses to publish a condition on a later, unknown or unsuitable question', () => {
		expect(conditionProblems(form)).toEqual([]);
		const wrong: Pick<FormDefinition, 'steps'> = {
			steps: [
				{
					title: { fr: 'Un' },
					showIf: { field: 'seule', op: 'answered' },
					fields: [
						field({ name: 'seule', type: 'radio', options: choices('oui', 'non') }),
						field({ name: 'nom', type: 'text', showIf: { field: 'nom', op: 'answered' } }),
						field({
							name: 'age',
							type: 'text',
							showIf: { field: 'seule', op: 'equals', value: 'peut-être' }
						}),
						field({ name: 'x', type: 'text', showIf: { field: 'age', op: 'gt', value: 60 } }),
						field({ name: 'y', type: 'text', showIf: { field: 'supprimee', op: 'answered' } }),
						field({
							name: 'z',
							type: 'text',
							showIf: { field: 'age', op: 'ageAtLeast', value: 18 }
						})
					]
				}
			]
		};
		expect(conditionProblems(wrong)).toEqual([
			{ step: 1, on: 'seule', code: 'conditionLaterField' },
			{ step: 1, field: 'nom', on: 'nom', code: 'conditionLaterField' },
			{ step: 1, field: 'age', on: 'seule', code: 'conditionUnknownChoice' },
			{ step: 1, field: 'x', on: 'age', code: 'conditionNotANumber' },
			{ step: 1, field: 'y', on: 'supprimee', code: 'conditionUnknownField' },
			{ step: 1, field: 'z', on: 'age', code: 'conditionNotADate' }
		]);
	});

	it('reads an age from a date of birth, whole years, the birthday counted on its day', () => {
		expect(ageOn('2008-12-06', today)).toBe(18);
		expect(ageOn('2008-12-07', today)).toBe(17);
		expect(ageOn('1941-02-29', '2026-02-28')).toBe(84);
		expect(ageOn('12/05/1941', today)).toBeNull();
		expect(ageOn(undefined, today)).toBeNull();
		// Against the commune's today: an adult's papers, a child's livret de famille.
		const adult = { naissance: ageDay(-18) };
		const child = { naissance: ageDay(-17) };
		expect(holds({ field: 'naissance', op: 'ageAtLeast', value: 18 }, adult)).toBe(true);
		expect(holds({ field: 'naissance', op: 'ageAtLeast', value: 18 }, child)).toBe(false);
		expect(holds({ field: 'naissance', op: 'ageUnder', value: 18 }, child)).toBe(true);
		// No date yet: neither question is asked.
		expect(holds({ field: 'naissance', op: 'ageUnder', value: 18 }, {})).toBe(false);
	});
});

/** The day so many years from the commune's today (negative: in the past). */
function ageDay(years: number) {
	const day = communeDay();
	return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}
