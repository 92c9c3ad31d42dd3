import { createTranslator } from '$lib/i18n/i18n';
import type { Language } from '$lib/i18n/languages';
import strings from './staff.fr.json';

const STAFF = { fr: strings };

/** The portal's translator plus the staff area's texts, loaded only with the staff pages. */
export function staffTranslator(lang: Language) {
	return createTranslator(lang, STAFF);
}
