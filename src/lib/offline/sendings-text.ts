import type { Translator } from '$lib/i18n/i18n';
import { intlLocale } from '$lib/i18n/languages';
import type { SendingCounts } from './sync-status.svelte';

/** "1 demande et 1 rendez-vous": each kind counted in words, joined as her language joins them. */
export function sendingsText(counts: SendingCounts, i18n: Pick<Translator, 't' | 'lang'>): string {
	const parts = [
		counts.requests > 0 ? i18n.t('sync.requests', { count: counts.requests }) : '',
		counts.bookings > 0 ? i18n.t('sync.bookings', { count: counts.bookings }) : ''
	].filter(Boolean);
	return new Intl.ListFormat(intlLocale(i18n.lang), { type: 'conjunction' }).format(parts);
}
