import {
	DEFAULT_LANGUAGE,
	fromAcceptLanguage,
	isLanguage,
	type Language
} from '$lib/i18n/languages';

/** The person's choice (cookie) first, then the browser's languages, then French. */
export function languageFor(cookie: string | undefined, acceptLanguage: string | null): Language {
	if (isLanguage(cookie)) return cookie;
	return fromAcceptLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE;
}
