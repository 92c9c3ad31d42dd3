import { createTranslator } from '$lib/i18n/i18n';
import { isLanguage, DEFAULT_LANGUAGE } from '$lib/i18n/languages';
import { readsFromDevice } from '$lib/offline/render-mode';
import { readLanguageChoice } from '$lib/settings/language-choice';

// Kept in step with the PWA plugin's `kit.trailingSlash` in vite.config.ts.
export const trailingSlash = 'never';

export async function load({ fetch, depends }) {
	depends('app:prefs');
	let lang = DEFAULT_LANGUAGE;
	if (readsFromDevice()) {
		lang = readLanguageChoice();
	} else {
		const prefs = (await (await fetch('/api/v1/prefs')).json()) as { lang?: string };
		if (isLanguage(prefs.lang)) lang = prefs.lang;
	}
	return { i18n: createTranslator(lang) };
}
