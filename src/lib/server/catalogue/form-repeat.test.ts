import { describe, expect, it } from 'vitest';
import { conditionProblems } from '$lib/forms/conditions';
import type { FormField } from '$lib/forms/types';
import {
	earlierQuestions,
	earlierSteps,
	publishProblems,
	setRepeat,
	type DraftForm
} from './form-edit';
import { questionFromInput, questionValues } from './form-question';
import { repeatFromInput, repeatValues } from './form-repeat';

const question = (name: string, type: FormField['type'] = 'text'): FormField => ({
	name,
	type,
	label: { fr: `Question ${name}` },
	required: true
});

/** Her name and address, then "Votre foyer" with its own two questions, then a last step. */
const draft = (): DraftForm => ({
	id: 'logement',
	serviceId: 'logement',
	title: { fr: 'Logement' },
	position: 0,
	steps: [
		{ title: { fr: 'Vous' }, fields: [question('nom'), question('adresse', 'address')] },
		{ title: { fr: 'Votre foyer' }, fields: [question('son-nom'), question('son-lien')] },
		{ title: { fr: 'Fin' }, fields: [question('motif')] }
	]
});

const typed = {
	repeat: 'on',
	itemTitle: 'Personne',
	addLabel: 'Ajouter une personne',
	min: '1',
	max: '8'
};

describe('a step repeated for each person, as the office sets it', () => {
	it('reads the office’s words and counts, and names each wrong box', () => {
		expect(repeatFromInput(typed).repeat).toEqual({
			itemTitle: { fr: 'Personne' },
			addLabel: { fr: 'Ajouter une personne' },
			min: 1,
			max: 8
		});
		expect(repeatFromInput({ ...typed, itemTitle: 'P', min: '9', max: '3' }).errors).toEqual([
			'itemTitle',
			'max'
		]);
		expect(repeatFromInput({ ...typed, min: 'un', max: '40' }).errors).toEqual(['min', 'max']);
		expect(repeatFromInput({ ...typed, repeat: '' })).toMatchObject({ repeat: null, errors: [] });
	});

	it('names the block once from its step, keeps the name when its words change, and can undo it', () => {
		const form = draft();
		setRepeat(form, 1, repeatFromInput(typed).repeat);
		expect(form.steps[1]!.repeat).toMatchObject({ name: 'votre-foyer', min: 1, max: 8 });
		form.steps[1]!.repeat!.itemTitle.en = 'Person';
		setRepeat(form, 1, repeatFromInput({ ...typed, itemTitle: 'Occupant', max: '4' }).repeat);
		expect(form.steps[1]!.repeat).toEqual({
			name: 'votre-foyer',
			itemTitle: { fr: 'Occupant', en: 'Person' },
			addLabel: { fr: 'Ajouter une personne' },
			min: 1,
			max: 4
		});
		expect(repeatValues(form.steps[1]!.repeat)).toMatchObject({ repeat: true, max: '4' });
		setRepeat(form, 1, null);
		expect(form.steps[1]!.repeat).toBeUndefined();
	});

	it('offers conditions on a person’s own questions inside the block, never after it', () => {
		const form = draft();
		setRepeat(form, 1, repeatFromInput(typed).repeat);
		expect(earlierQuestions(form, 1, 'son-lien').map((f) => f.name)).toEqual([
			'nom',
			'adresse',
			'son-nom'
		]);
		expect(earlierSteps(form, 2).map((f) => f.name)).toEqual(['nom', 'adresse']);
		// A condition written before the step was repeated: refused at publishing, in words.
		form.steps[2]!.fields[0]!.showIf = { field: 'son-lien', op: 'answered' };
		expect(publishProblems(form)).toEqual([
			{
				code: 'conditionMemberField',
				step: 2,
				question: 'Question motif',
				on: 'Question son-lien'
			}
		]);
	});

	it('starts a person’s answer from one of hers of the same kind, and from nothing else', () => {
		const form = draft();
		const hers = earlierSteps(form, 1);
		const saved = questionFromInput(
			{ label: 'Son adresse', type: 'address', required: 'on', sameAs: 'adresse' },
			undefined,
			[],
			hers
		);
		expect(saved.field?.sameAs).toBe('adresse');
		const wrongKind = questionFromInput(
			{ label: 'Son adresse', type: 'text', required: 'on', sameAs: 'adresse' },
			undefined,
			[],
			hers
		);
		expect(wrongKind.errors).toEqual(['sameAs']);
		// Outside a repeated step there is nothing to copy.
		expect(
			questionFromInput({ label: 'Son nom', type: 'text', sameAs: 'nom' }, undefined, [], null)
				.errors
		).toEqual(['sameAs']);
		form.steps[1]!.fields[0]!.sameAs = 'nom';
		setRepeat(form, 1, repeatFromInput(typed).repeat);
		expect(conditionProblems(form)).toEqual([]);
	});

	it('starts a new page of a person’s questions where the office says, in a repeated step only', () => {
		const hers = earlierSteps(draft(), 1);
		const typed = { label: 'Sa pièce d’identité', type: 'document', required: 'on' };
		expect(
			questionFromInput({ ...typed, startsPage: 'on' }, undefined, [], hers).field
		).toMatchObject({ startsPage: true });
		expect(questionFromInput(typed, undefined, [], hers).field).not.toHaveProperty('startsPage');
		// Asked once, a step is one page already: the mark is not kept.
		expect(
			questionFromInput({ ...typed, startsPage: 'on' }, undefined, [], null).field
		).not.toHaveProperty('startsPage');
		expect(
			questionValues({
				...typed,
				name: 'q',
				required: true,
				label: { fr: 'x' },
				type: 'document',
				startsPage: true
			}).startsPage
		).toBe('on');
	});
});
