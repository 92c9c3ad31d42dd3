import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fromAcceptLanguage, LANGUAGE_NAMES, TRANSLATED, type Language } from './languages';
import { createTranslator, loadLanguage } from './i18n';
import ar from './locales/ar.json';
import en from './locales/en.json';
import es from './locales/es.json';
import falc from './locales/fr-x-falc.json';
import fr from './locales/fr.json';
import pt from './locales/pt.json';

import { NOTICE_TEXTS } from '$lib/server/notices/texts';

// Each language's texts, the tablet's and the notices' (kept apart, written on the server only),
// checked as one: the same keys, placeholders and plural forms in every language.
const files: Record<Language, object> = Object.fromEntries(
	Object.entries({ fr, 'fr-x-falc': falc, en, ar, pt, es }).map(([lang, texts]) => [
		lang,
		{ ...texts, ...NOTICE_TEXTS[lang as Language] }
	])
) as Record<Language, object>;
beforeAll(() => Promise.all(TRANSLATED.map(loadLanguage)));

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Parts of the interface easy-read French must cover: the main journeys (issue 4). */
const EASY_READ_SECTIONS = [
	'header.',
	'home.',
	'search.',
	'theme.',
	'service.',
	'forms.',
	'errors.field.',
	'listen.'
];
const FULL = TRANSLATED.filter((lang) => lang !== 'fr' && lang !== 'fr-x-falc');

/** Every leaf of a locale file: key → text. */
function leaves(tree: object, prefix = ''): Map<string, string> {
	const out = new Map<string, string>();
	for (const [key, value] of Object.entries(tree)) {
		if (typeof value === 'object') {
			for (const [k, v] of leaves(value as object, `${prefix}${key}.`)) out.set(k, v);
		} else out.set(`${prefix}${key}`, String(value));
	}
	return out;
}

const base = (key: string) => key.replace(PLURAL, '');
const keysOf = (lang: string) =>
	[...new Set([...leaves(translation(lang)).keys()].map(base))].sort();
const translation = (lang: string) => files[lang as Language];
const variables = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('translations', () => {
	const french = keysOf('fr');

	it.each(FULL)('has every French key in %s, and nothing more', (lang) => {
		expect(keysOf(lang)).toEqual(french);
	});

	it('has easy-read French for every key of the main journeys, and no unknown key', () => {
		const easy = keysOf('fr-x-falc');
		const needed = french.filter((key) => EASY_READ_SECTIONS.some((part) => key.startsWith(part)));
		expect(needed.filter((key) => !easy.includes(key))).toEqual([]);
		expect(easy.filter((key) => !french.includes(key))).toEqual([]);
	});

	it.each(TRANSLATED)('has exactly the plural forms %s needs', (lang) => {
		const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.sort();
		const forms = new Map<string, string[]>();
		for (const key of leaves(translation(lang)).keys()) {
			const match = PLURAL.exec(key);
			if (match) forms.set(base(key), [...(forms.get(base(key)) ?? []), match[1] ?? ''].sort());
		}
		expect(forms.size).toBeGreaterThan(0);
		for (const [key, found] of forms) expect(found, key).toEqual(categories);
	});

	it.each(TRANSLATED)('keeps the placeholders of the French text in %s', (lang) => {
		const french = leaves(translation('fr'));
		const frenchByBase = new Map([...french].map(([k, v]) => [base(k), v]));
		for (const [key, text] of leaves(translation(lang))) {
			const original = french.get(key) ?? frenchByBase.get(base(key)) ?? '';
			// A plural form may spell the number out ("خدمتان"), so {{count}} is optional there.
			const expected = variables(original).filter((v) => !(PLURAL.test(key) && v === 'count'));
			const found = variables(text).filter((v) => v !== 'count' || !PLURAL.test(key));
			expect(found, `${lang} ${key}`).toEqual(expected);
		}
	});

	it('uses the French plural forms one, many and other', () => {
		const t = createTranslator('fr').t;
		expect(t('home.serviceCount', { count: 1 })).toBe('1 service');
		expect(t('home.serviceCount', { count: 0 })).toBe('0 service');
		expect(t('home.serviceCount', { count: 8 })).toBe('8 services');
		expect(t('home.serviceCount', { count: 1_000_000 })).toBe('1000000 services');
	});

	it('uses the six Arabic plural forms', () => {
		const t = createTranslator('ar').t;
		expect([0, 1, 2, 3, 11, 100].map((count) => t('home.serviceCount', { count }))).toEqual([
			'لا توجد خدمات',
			'خدمة واحدة',
			'خدمتان',
			'3 خدمات',
			'11 خدمة',
			'100 خدمة'
		]);
	});

	it('falls back to plain French where easy-read French has no text', () => {
		const falc = createTranslator('fr-x-falc');
		expect(falc.t('home.title')).toBe('Les aides pour les personnes âgées');
		expect(falc.t('profile.title')).toBe('Mes informations');
		expect(falc.pick({ fr: 'Repas', 'fr-x-falc': 'Des repas chez vous' })).toBe(
			'Des repas chez vous'
		);
		expect(falc.pick({ fr: 'Chorale' })).toBe('Chorale');
	});

	it('picks a catalogue text in the language, falling back to French', () => {
		const i18n = createTranslator('en');
		expect(i18n.pick({ fr: 'Repas', en: 'Meals' })).toBe('Meals');
		expect(i18n.pick({ fr: 'Chorale' })).toBe('Chorale');
		expect(i18n.langOf({ fr: 'Chorale' })).toBe('fr');
		expect(i18n.langOf({ fr: 'Repas', en: 'Meals' })).toBeUndefined();
	});

	it('formats dates in the language through Intl', () => {
		const date = new Date('2026-03-05T14:30:00+01:00');
		expect(createTranslator('pt').formatDateTime(date)).toMatch(/5 de março de 2026/);
		expect(createTranslator('ar').formatDateTime(date)).toMatch(/مارس/);
		expect(createTranslator('fr-x-falc').formatDateTime(date)).toMatch(/5 mars 2026/);
	});

	it("writes times in the commune's time zone whatever the machine's", () => {
		// 23:30 UTC on 31 March is already 1 April, 01:30 in Paris (summer time).
		const text = createTranslator('fr').formatDateTime('2026-03-31T23:30:00Z');
		expect(text).toMatch(/1 avril 2026/);
		expect(text).toMatch(/01:30/);
	});

	it('names each language in the menu as its own file does', () => {
		for (const lang of TRANSLATED) {
			expect(LANGUAGE_NAMES[lang]).toBe((files[lang] as typeof fr).app.languageName);
		}
	});

	it('reads in French until a language has been fetched, then in that language', async () => {
		vi.resetModules();
		const { createTranslator: fresh, loadLanguage: load } = await import('./i18n');
		expect(fresh('pt').t('forms.continue')).toBe(fr.forms.continue);
		await load('pt');
		expect(fresh('pt').t('forms.continue')).toBe(pt.forms.continue);
	});

	it('reads the browser languages in order of preference', () => {
		expect(fromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8,fr;q=0.7')).toBe('en');
		expect(fromAcceptLanguage('fr-FR')).toBe('fr');
		expect(fromAcceptLanguage('ar-MA,fr;q=0.5')).toBe('ar');
		expect(fromAcceptLanguage('de')).toBeUndefined();
		expect(fromAcceptLanguage('en;q=0,fr;q=0.5')).toBe('fr');
	});
});
