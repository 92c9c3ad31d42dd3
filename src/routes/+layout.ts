import { API, answerOf } from '$lib/contract/client';
import { prefsSchema } from '$lib/contract/devices';
import type { AssistedBy } from '$lib/assist/assisted.svelte';
import { createTranslator, loadLanguage } from '$lib/i18n/i18n';
import { isLanguage, DEFAULT_LANGUAGE } from '$lib/i18n/languages';
import { readsFromDevice } from '$lib/offline/render-mode';
import { DEFAULT_DISPLAY, type DisplaySettings } from '$lib/settings/display';
import { readDisplayChoice } from '$lib/settings/display-choice';
import { readLanguageChoice } from '$lib/settings/language-choice';

// Kept in step with the PWA plugin's `kit.trailingSlash` in vite.config.ts.
export const trailingSlash = 'never';

export async function load({ fetch, depends }) {
	depends('app:prefs');
	let lang = DEFAULT_LANGUAGE;
	let display: DisplaySettings = DEFAULT_DISPLAY;
	// Known from the server on a server-rendered page only; the device remembers it otherwise.
	let assistedBy: AssistedBy | null | undefined;
	if (readsFromDevice()) {
		lang = readLanguageChoice();
		display = readDisplayChoice();
	} else {
		const prefs = await answerOf(await fetch(API.prefs), prefsSchema);
		if (isLanguage(prefs.lang)) lang = prefs.lang;
		display = prefs.display;
		assistedBy = prefs.assistedBy ?? null;
	}
	// Her language's texts come before the first render (from the precache when offline).
	await loadLanguage(lang);
	return { i18n: createTranslator(lang), display, assistedBy };
}
