import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import fr from './locales/fr.json';
import { fromAcceptLanguage } from './languages';
import { createTranslator } from './i18n';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key of a locale file, with plural forms folded into their base key. */
function keys(tree: object, prefix = ''): string[] {
	return Object.entries(tree).flatMap(([key, value]) =>
		typeof value === 'object'
			? keys(value as object, `${prefix}${key}.`)
			: [`${prefix}${key.replace(PLURAL, '')}`]
	);
}

describe('translations', () => {
	it('has every French key in English, and nothing more', () => {
		expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(fr))].sort());
	});

	it('uses the French plural forms one, many and other', () => {
		const t = createTranslator('fr').t;
		expect(t('home.serviceCount', { count: 1 })).toBe('1 service');
		expect(t('home.serviceCount', { count: 0 })).toBe('0 service');
		expect(t('home.serviceCount', { count: 8 })).toBe('8 services');
		expect(t('home.serviceCount', { count: 1_000_000 })).toBe('1000000 services');
	});

	it('picks a catalogue text in the language, falling back to French', () => {
		const i18n = createTranslator('en');
		expect(i18n.pick({ fr: 'Repas', en: 'Meals' })).toBe('Meals');
		expect(i18n.pick({ fr: 'Chorale' })).toBe('Chorale');
		expect(i18n.langOf({ fr: 'Chorale' })).toBe('fr');
		expect(i18n.langOf({ fr: 'Repas', en: 'Meals' })).toBeUndefined();
	});

	it('reads the browser languages in order of preference', () => {
		expect(fromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8,fr;q=0.7')).toBe('en');
		expect(fromAcceptLanguage('fr-FR')).toBe('fr');
		expect(fromAcceptLanguage('de')).toBeUndefined();
		expect(fromAcceptLanguage('en;q=0,fr;q=0.5')).toBe('fr');
	});
});
