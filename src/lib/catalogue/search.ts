import MiniSearch, { type SearchOptions } from 'minisearch';
import type { Service } from './types';

// Words that carry no meaning on their own in a French (or English) query.
const STOP_WORDS = new Set(
	(
		'a au aux avec ce ces d de des du en et l la le les leur ma mes mon ou par pour qu que qui sa ' +
		'se ses son sur un une the of for and to in my'
	).split(' ')
);

/** Folds case and accents, drops stop words and a plural ending: "Téléassistances" → "teleassistance". */
export function normalizeTerm(term: string): string | null {
	const folded = term
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae');
	if (folded.length < 2 || STOP_WORDS.has(folded)) return null;
	// French plurals mostly add -s or -x; both sides of the match are trimmed the same way.
	return folded.length > 3 ? folded.replace(/(?<=[a-z])[sx]$/, '') : folded;
}

export interface CatalogueSearch {
	search(query: string, limit?: number): Service[];
}

/**
 * Every language's version of a field, so a person finds a service in the words she types. Not the
 * easy-read French one: it restates the French text, and counting its words twice would reorder
 * the results ("repas" would rank the New Year lunch above meal delivery).
 */
const joined = (value: Record<string, string | string[]>) =>
	Object.entries(value)
		.filter(([lang]) => lang !== 'fr-x-falc')
		.map(([, v]) => (Array.isArray(v) ? v.join(' ') : v))
		.join(' ');

export function createSearchIndex(services: Service[]): CatalogueSearch {
	const index = new MiniSearch<Service>({
		fields: ['title', 'summary', 'keywords'],
		storeFields: [],
		extractField: (service, field) => {
			const value = service[field as keyof Service];
			return typeof value === 'object' && value !== null
				? joined(value as Record<string, string>)
				: String(value ?? '');
		},
		processTerm: normalizeTerm
	});
	index.addAll(services);
	const byId = new Map(services.map((s) => [s.id, s]));
	const base: SearchOptions = {
		boost: { title: 3, keywords: 2 },
		prefix: (term) => term.length >= 3,
		// One typo in a short word, two in a long one.
		fuzzy: (term) => (term.length >= 8 ? 0.25 : term.length >= 4 ? 0.2 : false),
		processTerm: normalizeTerm
	};
	return {
		search(query, limit = 40) {
			const trimmed = query.trim().slice(0, 200);
			if (!trimmed) return [];
			// Every word must match first; only when that finds nothing does any word do.
			let hits = index.search(trimmed, { ...base, combineWith: 'AND' });
			if (hits.length === 0) hits = index.search(trimmed, { ...base, combineWith: 'OR' });
			return hits
				.slice(0, limit)
				.map((hit) => byId.get(String(hit.id)))
				.filter((s): s is Service => s !== undefined);
		}
	};
}
