import { json, redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { loggablePath } from '$lib/server/security/loggable-path';
import { sequence } from '@sveltejs/kit/hooks';
import commune from '$commune/commune.json';
import { directionOf } from '$lib/i18n/languages';
import { database } from '$lib/server/context';
import { bootMarkup } from '$lib/server/boot-page';
import { languageFor } from '$lib/server/language';
import { releaseLease, takeLease } from '$lib/server/db/leases';
import { purgeExpired } from '$lib/server/privacy/retention';
import { startSender } from '$lib/server/notices/sender';
import { isForged, securityHeaders } from '$lib/server/security/headers';
import { accessFor, SIGN_IN_PATH, verdictFor } from '$lib/server/staff/guard';
import { cheapHashes } from '$lib/server/staff/password';
import { resolveSession, SESSION_COOKIE } from '$lib/server/staff/sessions';
import { LANGUAGE_KEY } from '$lib/settings/language-choice';
import { DISPLAY_KEY, displayAttributeMarkup, parseDisplay } from '$lib/settings/display';
// Written into every page's head (app.html): each file would cost a round trip before the first
// paint on a slow line. themeCss is the commune's colours, made from commune.json at build.
import displayScript from '../static/display.js?raw';
import themeCss from '../static/commune/theme.css?raw';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DISPLAY_SCRIPT_SLOT = /<script>\s*%portal\.display_script%\s*<\/script>/;
const THEME_CSS_SLOT = '%portal.theme_css%';

/**
 * The retention purge, once a day across all instances: each tries every hour, and the one that
 * takes the day's lease purges. One that dies while purging purged nothing (one transaction); the
 * next day's purge catches up, as it removes everything past its time.
 */
async function purgeIfDue() {
	const db = await database();
	if (!(await takeLease(db, 'retention', new Date(), DAY - HOUR))) return;
	try {
		const purged = await purgeExpired(db);
		// Counts only: never what was purged.
		console.info(
			`retention: ${purged.requests} closed requests, ${purged.appointments} past appointments, ${purged.journal} journal entries, ${purged.ledger} ledger entries, ${purged.devices} devices, ${purged.pages} document pages purged`
		);
	} catch (error) {
		// Free again at once: another instance (or this one, in an hour) tries again.
		await releaseLease(db, 'retention');
		throw error;
	}
}

/** Opens and migrates the database before the first request is served; purges once a day. */
export async function init() {
	if (cheapHashes()) {
		console.warn('PASSWORD_HASH_COST=test: new passwords get weak test hashes. Never in service.');
	}
	const db = await database();
	await purgeIfDue();
	await startSender(db);
	setInterval(
		() => void purgeIfDue().catch((e) => console.error('retention purge failed:', e)),
		HOUR
	).unref();
}

const isApi = (path: string) => path.startsWith('/api/');

const guard: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	if (isForged(event.request, event.url, token !== undefined)) {
		return json(
			{ error: { code: 'cross_site', message: 'Cross-site request refused.', fields: [] } },
			{ status: 403 }
		);
	}
	event.locals.access = accessFor(event.url.pathname);
	event.locals.staff = token
		? await resolveSession(await database(), token, new Date(), event.locals.access !== 'public')
		: null;
	const verdict = verdictFor(event.locals.access, event.locals.staff);
	if (verdict === 'sign-in') {
		if (isApi(event.url.pathname) || event.request.method !== 'GET') {
			return json(
				{ error: { code: 'staff_sign_in_required', message: 'Sign in first.', fields: [] } },
				{ status: 401, headers: { 'cache-control': 'no-store' } }
			);
		}
		const next = event.url.pathname + event.url.search;
		// "Your session ended" only to a browser that had one, not on a first visit.
		const ended = token !== undefined ? '&fin=1' : '';
		redirect(303, `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}${ended}`);
	}
	if (verdict === 'forbidden') {
		if (isApi(event.url.pathname) || event.request.method !== 'GET') {
			return json(
				{ error: { code: 'forbidden', message: 'Administrators only.', fields: [] } },
				{ status: 403, headers: { 'cache-control': 'no-store' } }
			);
		}
		// The staff layout's load answers 403 with the portal's own error page, in plain words.
		event.locals.forbidden = true;
	}
	return resolve(event);
};

const render: Handle = async ({ event, resolve }) => {
	const lang = languageFor(
		event.cookies.get(LANGUAGE_KEY),
		event.request.headers.get('accept-language')
	);
	// The first paint already has her text size and contrast: no flash of the default look.
	const display = displayAttributeMarkup(parseDisplay(event.cookies.get(DISPLAY_KEY)));
	// A page drawn only in the browser comes with no <main> from the server: it gets a title and a
	// visible "Chargement…" instead of a blank screen (and its noscript sentence).
	const response = await resolve(event, {
		transformPageChunk: async ({ html }) => {
			const booting = html.includes('%portal.boot_head%') && !html.includes('id="main"');
			const boot = booting ? await bootMarkup(lang, event.url.pathname) : { head: '', body: '' };
			return (
				html
					.replace('%lang%', lang)
					.replace('%dir%', directionOf(lang))
					.replace('%display%', display)
					.replace('%theme_color%', commune.colors.theme)
					.replace('%v.logo%', __ASSET_VERSIONS__.logo)
					// Exactly the file's text between the tags: the policy allows it by its hash
					// (svelte.config.js), on drawn pages and on the prerendered offline shell alike.
					.replace(DISPLAY_SCRIPT_SLOT, () => `<script>${displayScript}</script>`)
					.replace(THEME_CSS_SLOT, () => themeCss)
					.replace('%portal.boot_head%', boot.head)
					.replace('%portal.boot%', boot.body)
			);
		}
	});
	for (const [name, value] of Object.entries(securityHeaders(event.url.protocol === 'https:'))) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// Staff pages hold personal data: never kept by the browser's or a proxy's cache.
	if (event.locals.access !== 'public') {
		response.headers.set('cache-control', 'private, no-store');
	} else if (event.locals.staff) {
		// A public page drawn for a signed-in agent names him (the assisted banner): no shared cache.
		const cache = response.headers.get('cache-control') ?? '';
		if (!/\b(private|no-store)\b/.test(cache)) {
			const rest = cache.replace(/\bpublic\b,?\s*/, '').trim();
			response.headers.set('cache-control', rest ? `private, ${rest}` : 'private');
		}
	}
	if (isApi(event.url.pathname)) return jsonAnswer(response);
	return response;
};

const API_ERRORS: Record<number, [string, string]> = {
	400: [
		'bad_address',
		'The address cannot be read: its parts must be UTF-8 (e.g. %C3%A9, not %E9).'
	],
	404: ['not_found', 'No such address in the API.'],
	405: ['method_not_allowed', 'This address does not take this method.'],
	413: ['payload_too_large', 'The body is too large.']
};

/**
 * Every answer under /api/ is JSON: an address no route serves, or a method a route does not
 * take, gets the API's error shape instead of SvelteKit's HTML page or plain text.
 */
async function jsonAnswer(response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (response.status < 400 || type.startsWith('application/json')) return response;
	const [code, message] = API_ERRORS[response.status] ?? ['error', 'The request failed.'];
	await response.body?.cancel();
	const headers = new Headers(response.headers);
	headers.set('content-type', 'application/json');
	headers.delete('content-length');
	headers.set('cache-control', 'no-store');
	return new Response(JSON.stringify({ error: { code, message, fields: [] } }), {
		status: response.status,
		headers
	});
}

export const handle = sequence(guard, render);

// Unexpected errors are logged without the request's query or body, which may hold personal data,
// and without a signed link's token (whoever reads the log could act on it).
export const handleError: HandleServerError = ({ error, event, status }) => {
	// A 4xx is the caller's mistake (an unreadable address): not the server's error.
	if (status >= 500) {
		console.error(`${event.request.method} ${loggablePath(event.url.pathname)} failed:`, error);
	}
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
