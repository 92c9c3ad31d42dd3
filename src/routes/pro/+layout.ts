import { staffTranslator } from '$lib/staff/translator';

// The staff area is in French, the commune's working language, whatever the tablet's choice.
export function load() {
	return { i18n: staffTranslator('fr') };
}
