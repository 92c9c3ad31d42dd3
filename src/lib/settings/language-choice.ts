import {
	DEFAULT_LANGUAGE,
	fromAcceptLanguage,
	isLanguage,
	type Language
} from '$lib/i18n/languages';
import { cookieValue, saveCookie } from './cookies';

/** The cookie (and localStorage key) holding the chosen language. */
export const LANGUAGE_KEY = 'lang';

/** The language chosen on this device, read without the network so it holds offline. */
export function readLanguageChoice(): Language {
	const stored = localStorage.getItem(LANGUAGE_KEY) ?? cookieValue(LANGUAGE_KEY);
	if (isLanguage(stored)) return stored;
	return fromAcceptLanguage(navigator.languages.join(',')) ?? DEFAULT_LANGUAGE;
}

/** Kept both in a cookie (for the server's first paint) and in localStorage (for offline starts). */
export function saveLanguageChoice(lang: Language) {
	localStorage.setItem(LANGUAGE_KEY, lang);
	saveCookie(LANGUAGE_KEY, lang);
}
