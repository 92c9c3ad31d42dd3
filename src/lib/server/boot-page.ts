import { commune } from '$lib/commune';
import { createTranslator, loadLanguage } from '$lib/i18n/i18n';
import type { Language } from '$lib/i18n/languages';

/** The pages drawn only in the browser (from the tablet's own data), by their address. */
const TITLES: [RegExp, string][] = [
	[/^\/mes-demandes\/?$/, 'myRequests.title'],
	[/^\/mes-rendez-vous\/?$/, 'booking.listTitle'],
	[/^\/mes-informations\/?$/, 'profile.title'],
	[/^\/demandes\/envoi\//, 'forms.confirmationTitle'],
	[/^\/demandes\//, 'forms.startTitle'],
	[/^\/rendez-vous\//, 'booking.title']
];

const escape = (text: string) =>
	text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * What a page drawn in the browser shows before its script runs (and for good without one): a
 * title, the portal's name, "Chargement…", and in a <noscript> the number to call. Without it, a
 * slow first visit is a blank screen with no title for seconds.
 */
export async function bootMarkup(lang: Language, path: string) {
	await loadLanguage(lang);
	const i18n = createTranslator(lang);
	const appName = i18n.pick(commune.appName);
	const key = TITLES.find(([pattern]) => pattern.test(path))?.[1];
	const title = key ? `${i18n.t(key)} – ${appName}` : appName;
	const phone = commune.contact.phone.replace(/ /g, '\u00a0');
	return {
		head:
			// The description is marked: the page's own replaces it once the app runs (+layout.svelte).
			`<title>${escape(title)}</title>` +
			`<meta name="description" content="${escape(i18n.pick(commune.description))}" data-boot>`,
		body:
			`<div id="booting" class="booting">` +
			`<p class="booting-name">${escape(appName)}</p>` +
			`<p role="status">${escape(i18n.t('app.loading'))}</p>` +
			`<noscript><p>${escape(i18n.t('app.noScript', { phone }))}</p></noscript>` +
			`</div>`
	};
}
