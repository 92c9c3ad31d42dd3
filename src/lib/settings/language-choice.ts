import {
	DEFAULT_LANGUAGE,
	fromAcceptLanguage,
	isLanguage,
	type Language
} from '$lib/i18n/languages';
import { cookieValue, saveCookie } from './cookies';

const KEY = 'lang';

/** The language chosen on this device, read without the network so it holds offline. */
export function readLanguageChoice(): Language {
	const stored = localStorage.getItem(KEY) ?? cookieValue(KEY);
	if (isLanguage(stored)) return stored;
	return fromAcceptLanguage(navigator.languages.join(',')) ?? DEFAULT_LANGUAGE;
}

/** Kept both in a cookie (for the server's first paint) and in localStorage (for offline starts). */
export function saveLanguageChoice(lang: Language) {
	localStorage.setItem(KEY, lang);
	saveCookie(KEY, lang);
}
