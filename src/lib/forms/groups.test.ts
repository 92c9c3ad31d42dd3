import { describe, expect, it } from 'vitest';
import { conditionProblems, shownAnswers, visibility } from './conditions';
import {
	memberHref,
	memberPages,
	newMember,
	normalizeForm,
	pathParts,
	withoutMember,
	withMemberAnswer
} from './groups';
import { validateAnswers } from './validate';
import { question as field, choices, formOf } from '$tests/support/fixtures';

const today = '2026-12-06';

/** Her name and address, then the people who will live with her, one block each. */
const form = formOf([
	{
		title: { fr: 'Vous' },
		fields: [
			field({ name: 'nom', type: 'text' }),
			field({ name: 'adresse', type: 'address' }),
			field({ name: 'seule', type: 'radio', options: choices('oui', 'non') })
		]
	},
	{
		title: { fr: 'Votre foyer' },
		showIf: { field: 'seule', op: 'equals', value: 'non' },
		repeat: {
			name: 'foyer',
			min: 1,
			max: 3,
			itemTitle: { fr: 'Personne' },
			addLabel: { fr: 'Ajouter une personne' }
		},
		fields: [
			field({ name: 'nom-membre', type: 'text', sameAs: 'nom' }),
			field({ name: 'naissance', type: 'date' }),
			field({ name: 'lien', type: 'radio', options: choices('conjoint', 'enfant', 'autre') }),
			field({
				name: 'lien-autre',
				type: 'text',
				showIf: { field: 'lien', op: 'equals', value: 'autre' }
			}),
			field({ name: 'adresse-membre', type: 'address', sameAs: 'adresse' })
		]
	},
	{
		title: { fr: 'Grand logement' },
		showIf: { field: 'foyer', op: 'gte', value: 2 },
		fields: [field({ name: 'pieces', type: 'integer' })]
	}
]);

const address = { street: '2 rue Haute', postcode: '87990', city: 'Val-de-Lierre' };
const her = { nom: 'Jeanne Martin', adresse: address, seule: 'non' };
const husband = {
	'nom-membre': 'Paul Martin',
	naissance: '1940-02-03',
	lien: 'conjoint',
	'adresse-membre': address
};

describe('a repeated block', () => {
	it('is asked when its step is, each member its own questions from its own answers', () => {
		const cousin = { ...husband, lien: 'autre', 'lien-autre': 'Cousin' };
		const shown = visibility(form, { ...her, foyer: [husband, cousin] });
		expect(shown.steps).toEqual([1, 2, 3]);
		expect(shown.fields.has('foyer')).toBe(true);
		expect(shown.members.get('foyer')!.map((m) => m.has('lien-autre'))).toEqual([false, true]);
		expect(visibility(form, { ...her, seule: 'oui', foyer: [husband] }).steps).toEqual([1]);
	});

	it('is counted by a later condition: two people or more open the next step', () => {
		expect(visibility(form, { ...her, foyer: [husband] }).steps).toEqual([1, 2]);
		expect(conditionProblems(form)).toEqual([]);
	});

	it('starts a new member "comme moi": her name and address, hers to change', () => {
		expect(newMember(form.steps[1]!, her)).toEqual({
			'nom-membre': 'Jeanne Martin',
			'adresse-membre': address
		});
		const member = newMember(form.steps[1]!, her);
		(member['adresse-membre'] as typeof address).city = 'Limoges';
		expect(her.adresse.city).toBe('Val-de-Lierre');
	});

	it('is changed one member at a time, and a member removed leaves the others in order', () => {
		const two = { ...her, foyer: [husband, { ...husband, lien: 'enfant' }] };
		const changed = withMemberAnswer(two, 'foyer', 1, 'nom-membre', 'Léa Martin');
		expect(changed.foyer).toEqual([
			husband,
			{ ...husband, lien: 'enfant', 'nom-membre': 'Léa Martin' }
		]);
		expect(two.foyer[1]!['nom-membre']).toBe('Paul Martin');
		expect(withoutMember(changed, 'foyer', 0).foyer).toEqual([
			{ ...husband, lien: 'enfant', 'nom-membre': 'Léa Martin' }
		]);
	});

	it('is checked member by member, each problem named by block, member and question', () => {
		const result = validateAnswers(
			form,
			{ ...her, foyer: [husband, { ...husband, naissance: '1940-02-30', lien: 'autre' }] },
			today
		);
		expect(result.issues).toEqual([
			{ field: 'foyer.1.naissance', code: 'invalidDate' },
			{ field: 'foyer.1.lien-autre', code: 'required' },
			{ field: 'pieces', code: 'required' }
		]);
		expect(pathParts('foyer.1.lien-autre')).toEqual({
			group: 'foyer',
			index: 1,
			field: 'lien-autre'
		});
		expect(pathParts('pieces')).toEqual({ group: 'pieces' });
	});

	it('holds between its minimum and maximum members', () => {
		expect(validateAnswers(form, { ...her, foyer: [] }, today).issues).toEqual([
			{ field: 'foyer', code: 'membersTooFew', count: 1 }
		]);
		const four = { ...her, foyer: [husband, husband, husband, husband], pieces: '4' };
		expect(validateAnswers(form, four, today).issues).toEqual([
			{ field: 'foyer', code: 'membersTooMany', count: 3 }
		]);
	});

	it('sends only what each member is asked, and refuses what no question holds', () => {
		const kept = { ...husband, 'lien-autre': 'Cousin' };
		const answers = normalizeForm(form, { ...her, foyer: [kept] });
		expect(shownAnswers(form, answers).foyer).toEqual([husband]);
		const result = validateAnswers(form, answers, today);
		expect(result.issues).toEqual([]);
		expect(result.output!.foyer).toEqual([husband]);
		expect(
			validateAnswers(form, { ...her, foyer: [{ ...husband, intrus: 'x' }] }, today).issues
		).toEqual([{ field: 'foyer.0.intrus', code: 'unknownField' }]);
		expect(validateAnswers(form, { ...her, foyer: 'Paul' }, today).issues).toEqual([
			{ field: 'foyer', code: 'invalidFormat' }
		]);
		// Hidden (she lives alone): the block is dropped unchecked.
		expect(validateAnswers(form, { ...her, seule: 'oui', foyer: 'Paul' }, today).output).toEqual({
			...her,
			seule: 'oui'
		});
	});

	it('normalizes each member as it does her own answers', () => {
		const answers = normalizeForm(form, { ...her, foyer: [{ ...husband, naissance: '1940-2-3' }] });
		expect(answers.foyer).toEqual([husband]);
	});

	it('refuses conditions that reach into a block from outside, and a "comme moi" on nothing', () => {
		const steps = structuredClone(form.steps);
		steps[2]!.fields[0]!.showIf = { field: 'lien', op: 'equals', value: 'enfant' };
		steps[1]!.fields[0]!.sameAs = 'naissance';
		steps[2]!.showIf = { field: 'foyer', op: 'equals', value: 'x' };
		expect(conditionProblems({ steps }).map((p) => [p.code, p.on])).toEqual([
			['sameAsUnknown', 'naissance'],
			['conditionGroupCount', 'foyer'],
			['conditionMemberField', 'lien']
		]);
	});
});

describe('a person’s questions, page by page', () => {
	const step = {
		...form.steps[1]!,
		fields: form.steps[1]!.fields.map((f) =>
			f.name === 'lien' || f.name === 'adresse-membre' ? { ...f, startsPage: true } : f
		)
	};

	it('starts a page at each question marked so, in the block’s order', () => {
		expect(memberPages(step.fields).map((page) => page.map((f) => f.name))).toEqual([
			['nom-membre', 'naissance'],
			['lien', 'lien-autre'],
			['adresse-membre']
		]);
		// Unmarked, a person's questions are one page, as before pages were offered.
		expect(memberPages(form.steps[1]!.fields)).toHaveLength(1);
	});

	it('takes "Modifier" to the page that holds the question', () => {
		expect(memberHref('logement', 2, step, 1)).toBe('/demandes/logement/etape/2/2');
		expect(memberHref('logement', 2, step, 0, 'naissance')).toBe(
			'/demandes/logement/etape/2/1#field-naissance'
		);
		expect(memberHref('logement', 2, step, 0, 'lien-autre')).toBe(
			'/demandes/logement/etape/2/1/2#field-lien-autre'
		);
		expect(memberHref('logement', 2, step, 2, 'adresse-membre')).toBe(
			'/demandes/logement/etape/2/3/3#field-adresse-membre'
		);
	});
});
