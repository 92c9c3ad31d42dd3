import {
	DEFAULT_LANGUAGE,
	fromAcceptLanguage,
	isLanguage,
	type Language
} from '$lib/i18n/languages';

const KEY = 'lang';
const YEAR = 60 * 60 * 24 * 365;

function cookieValue(name: string): string | undefined {
	return document.cookie
		.split('; ')
		.find((part) => part.startsWith(`${name}=`))
		?.slice(name.length + 1);
}

/** The language chosen on this device, read without the network so it holds offline. */
export function readLanguageChoice(): Language {
	const stored = localStorage.getItem(KEY) ?? cookieValue(KEY);
	if (isLanguage(stored)) return stored;
	return fromAcceptLanguage(navigator.languages.join(',')) ?? DEFAULT_LANGUAGE;
}

/** Kept both in a cookie (for the server's first paint) and in localStorage (for offline starts). */
export function saveLanguageChoice(lang: Language) {
	localStorage.setItem(KEY, lang);
	document.cookie = `${KEY}=${lang}; path=/; max-age=${YEAR}; samesite=lax`;
}
