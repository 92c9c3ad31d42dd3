/**
 * The complete social housing application (issue 25, §4) is the commune's catalogue data, not
 * code: these tests read the demo's own form through the shared engine, as the tablet, the server
 * and the office do, and check that it asks what the Cerfa 14069 asks of each household.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { catalogueFileSchema } from '$lib/catalogue/file-schema';
import { normalizeCatalogue } from './normalize';
import { communeDay } from '$lib/time/commune-time';
import { HOUSING_ALONE, HOUSING_MEMBER, HOUSING_REST, HOUSING_START } from '$tests/support/housing';
import { answerBlocks } from '../documents/dossier';
import { staffTranslator } from '$lib/staff/translator';
import { visibility } from '$lib/forms/conditions';
import { validateAnswers } from '$lib/forms/validate';
import type { Answers, FormDefinition } from '$lib/forms/types';

const file = v.parse(
	catalogueFileSchema,
	JSON.parse(readFileSync('commune/catalogue.json', 'utf8'))
);
const form: FormDefinition = {
	...normalizeCatalogue(file).forms.find((f) => f.id === 'logement-social')!,
	version: 1
};

/** The step titles she is asked, in French. */
const stepsAsked = (answers: Answers) =>
	visibility(form, answers).steps.map((n) => form.steps[n - 1]!.title.fr);
/** A day so many years before the commune's today. */
const yearsAgo = (years: number) => {
	const day = communeDay();
	return `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
};

describe('the social housing application', () => {
	it('follows the Cerfa’s parts, and a whole application for one person is accepted', () => {
		expect([...new Set(form.steps.map((s) => s.section?.fr))]).toEqual([
			'1. Votre demande',
			'2. Vous',
			'3. Les personnes qui vivront avec vous',
			'4. Situation professionnelle',
			'5. Ressources',
			'6. Votre logement actuel',
			'7. Le logement recherché',
			'Annexe : handicap ou perte d’autonomie',
			'Pièces justificatives',
			'Votre accord'
		]);
		expect(validateAnswers(form, HOUSING_ALONE, communeDay()).issues).toEqual([]);
		// Alone: no one to add; no disability declared: no annex.
		expect(stepsAsked(HOUSING_ALONE)).not.toContain('Les personnes qui vivront avec vous');
		expect(stepsAsked(HOUSING_ALONE)).not.toContain('Ce dont la personne a besoin');
		expect(stepsAsked({ ...HOUSING_ALONE, handicap: 'oui' })).toContain(
			'Ce dont la personne a besoin'
		);
	});

	it('asks for the papers her answers call for: each grown-up’s, a child’s, a judgment, a permit', () => {
		const child = {
			'membre-nom': 'Inès Martin',
			'membre-naissance': yearsAgo(9),
			'membre-lien': 'enfant',
			'membre-adresse': HOUSING_MEMBER['membre-adresse']
		};
		const turning = { ...child, 'membre-nom': 'Noé Martin', 'membre-naissance': yearsAgo(18) };
		const answers = {
			...HOUSING_START,
			...HOUSING_REST,
			protection: 'oui',
			nationalite: 'autre',
			foyer: [HOUSING_MEMBER, child, turning]
		};
		const shown = visibility(form, answers);
		const papers = (asked: Set<string>) =>
			[...asked].filter((name) =>
				form.steps.some((s) => s.fields.some((f) => f.name === name && f.type === 'document'))
			);
		expect(papers(shown.fields)).toEqual(['titre-sejour', 'avis-impot', 'jugement']);
		const [adult, young, eighteen] = shown.members.get('foyer')!;
		expect(papers(adult!)).toEqual(['membre-identite', 'membre-avis-impot']);
		expect(papers(young!)).toEqual(['membre-livret']);
		// Eighteen today: a grown-up's papers, and her work and income asked (from 16).
		expect(papers(eighteen!)).toEqual(['membre-identite', 'membre-avis-impot']);
		expect(young!.has('membre-situation')).toBe(false);
		expect(eighteen!.has('membre-situation')).toBe(true);
	});

	it('for a change, asks her the number and only the parts she says changed', () => {
		const change = {
			...HOUSING_ALONE,
			nature: 'changement',
			'numero-unique': '087 12 26 00042',
			changements: ['ressources']
		};
		expect(stepsAsked(change)).toEqual([
			'Votre demande',
			'Vous',
			'Où vous joindre',
			'Votre travail',
			'Vos ressources',
			'Votre pièce d’identité',
			'Votre avis d’impôt',
			'Votre accord'
		]);
		expect(validateAnswers(form, change, communeDay()).issues).toEqual([]);
		// A renewal asks everything again, with its number, which must look like one.
		const renewal = { ...HOUSING_ALONE, nature: 'renouvellement', 'numero-unique': '?' };
		expect(stepsAsked(renewal)).toContain('Votre logement aujourd’hui');
		expect(validateAnswers(form, renewal, communeDay()).issues).toEqual([
			expect.objectContaining({ field: 'numero-unique' })
		]);
	});
});

describe('the application in the office’s dossier', () => {
	it('is laid out by the Cerfa’s parts, each step under its part, each person under the household', () => {
		const i18n = staffTranslator('fr');
		const blocks = answerBlocks(
			form,
			{ ...HOUSING_START, ...HOUSING_REST, personnes: '2', foyer: [HOUSING_MEMBER] },
			i18n,
			(rows) => rows.map((row) => ({ label: row.field.name, value: '' }))
		);
		const outline = blocks.map((b) => `${b.level} ${b.heading}`);
		expect(outline.slice(0, 9)).toEqual([
			'2 1. Votre demande',
			'3 Votre demande',
			'2 2. Vous',
			'3 Vous',
			'3 Où vous joindre',
			'2 3. Les personnes qui vivront avec vous',
			'3 Votre foyer',
			'3 Les personnes qui vivront avec vous',
			'4 Personne 1'
		]);
		expect(outline).toContain('2 Pièces justificatives');
		expect(blocks.find((b) => b.heading === 'Vos ressources')?.facts.map((f) => f.label)).toEqual([
			'ressources',
			'montant-retraite'
		]);
	});
});
