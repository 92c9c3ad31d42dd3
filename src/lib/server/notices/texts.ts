import type { ExtraTexts } from '$lib/i18n/i18n';
import ar from './texts/ar.json';
import en from './texts/en.json';
import es from './texts/es.json';
import falc from './texts/fr-x-falc.json';
import fr from './texts/fr.json';
import pt from './texts/pt.json';

/**
 * What her notices say (e-mail, SMS, push, letter), in each language: written on the server only,
 * so kept out of the tablet's texts, which every page loads first.
 */
export const NOTICE_TEXTS: ExtraTexts = { fr, 'fr-x-falc': falc, en, es, pt, ar };
