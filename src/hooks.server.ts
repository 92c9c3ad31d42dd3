import type { Handle, HandleServerError } from '@sveltejs/kit';
import commune from '$commune/commune.json';
import { directionOf } from '$lib/i18n/languages';
import { database } from '$lib/server/context';
import { languageFor } from '$lib/server/language';
import { DISPLAY_KEY, displayAttributeMarkup, parseDisplay } from '$lib/settings/display';

/** Opens and migrates the database before the first request is served. */
export async function init() {
	await database();
}

export const handle: Handle = async ({ event, resolve }) => {
	const lang = languageFor(event.cookies.get('lang'), event.request.headers.get('accept-language'));
	// The first paint already has her text size and contrast: no flash of the default look.
	const display = displayAttributeMarkup(parseDisplay(event.cookies.get(DISPLAY_KEY)));
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html
				.replace('%lang%', lang)
				.replace('%dir%', directionOf(lang))
				.replace('%display%', display)
				.replace('%theme_color%', commune.colors.theme)
	});
};

// Unexpected errors are logged without the request's query or body, which may hold personal data.
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		console.error(`${event.request.method} ${event.url.pathname} failed:`, error);
	}
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
