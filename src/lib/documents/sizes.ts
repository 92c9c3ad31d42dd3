import { intlLocale } from '$lib/i18n/languages';
import type { Language } from '$lib/i18n/languages';

/** A file's size in megabytes, one decimal, in the reader's way of writing numbers ("2,4"). */
export const megabytes = (bytes: number, lang: Language) =>
	new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 1 }).format(bytes / 1_000_000);
