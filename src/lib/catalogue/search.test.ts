import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { normalizeCatalogue } from '$lib/server/catalogue/normalize';
import { catalogueFileSchema } from './file-schema';
import { createSearchIndex, normalizeTerm } from './search';
import type { Service } from './types';

const file = v.parse(
	catalogueFileSchema,
	JSON.parse(readFileSync('commune/catalogue.json', 'utf8'))
);
const services = normalizeCatalogue(file).services.map((s) => ({ ...s, version: 1 }) as Service);
const index = createSearchIndex(services, file.synonyms);
const ids = (query: string) => index.search(query).map((s) => s.id);

describe('forgiving French search over the demo catalogue', () => {
	it('finds meal delivery from "repas"', () => {
		expect(ids('repas')[0]).toBe('portage-repas-domicile');
	});

	it('ignores accents and case', () => {
		expect(ids('teleassistance')).toContain('teleassistance-domicile');
		expect(ids('TÉLÉASSISTANCE')).toEqual(ids('teleassistance'));
		expect(ids('Télé-assistance')).toContain('teleassistance-domicile');
	});

	it('finds a word in its plural or singular form', () => {
		expect(ids('chutes')).toContain('prevention-chutes');
		expect(ids('chute')).toContain('prevention-chutes');
		expect(ids('aides ménagères')).toContain('aide-menagere');
	});

	it('forgives a small typo', () => {
		expect(ids('teleasistance')).toContain('teleassistance-domicile');
		expect(ids('canicul')).toContain('registre-canicule');
		expect(ids('tablete')).toContain('atelier-tablette');
	});

	it('does not take a typo of one word for another word', () => {
		// "tablette" and "toilette" are two letters apart: not a typo of each other.
		expect(ids('tablette')).not.toContain('auxiliaire-vie');
		expect(ids('tablette')).toContain('atelier-tablette');
		// A four-letter word is not stretched to its neighbours ("aide" is not "ride").
		expect(ids('ride')).toEqual([]);
	});

	it('finds what the commune’s synonyms mean', () => {
		expect(file.synonyms.length).toBeGreaterThan(0);
		// "médecin" is in no title: it finds health services through "santé", "soins", "infirmière".
		expect(ids('medecin')).toEqual(
			expect.arrayContaining(['bilan-sante-seniors', 'soins-infirmiers-domicile'])
		);
		expect(ids('docteur')).toEqual(ids('médecin'));
		// A group widens one word; the other words of the query must still match.
		expect(ids('ordinateur prêt')[0]).toBe('pret-tablette');
		// Without the commune's list, the same word finds only what names it.
		expect(createSearchIndex(services).search('docteur')).toEqual([]);
	});

	it('matches summary and keywords, not only titles', () => {
		expect(ids('hlm')).toContain('demande-logement-social');
		expect(ids('arnaque')).toContain('arnaques-demarchage');
	});

	it('prefers services matching every word, but accepts any word when none does', () => {
		expect(ids('portage repas')[0]).toBe('portage-repas-domicile');
		// A stop word between them does not turn "every word" into "any word".
		expect(ids('repas à domicile')).toEqual(['portage-repas-domicile']);
		expect(ids('repas zzzzqqq').length).toBeGreaterThan(0);
	});

	it('finds nothing for words unrelated to the catalogue', () => {
		expect(ids('xylophone quantique')).toEqual([]);
		expect(ids('   ')).toEqual([]);
	});

	it('drops French stop words and folds ligatures', () => {
		expect(normalizeTerm('les')).toBeNull();
		expect(normalizeTerm('Œuvres')).toBe('oeuvre');
	});
});

describe('ranking what she typed', () => {
	it('puts meal delivery first for "repas a la maison" (at home, not housing)', () => {
		expect(ids('repas a la maison')[0]).toBe('portage-repas-domicile');
	});

	it('leaves out far echoes when a mistyped query still finds the right service', () => {
		expect(ids('portage de rpas')).toEqual(['portage-repas-domicile']);
	});
});
