import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
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

/**
 * The commune's synonyms ("médecin", "docteur", "santé"…): a word of a group finds what any word of
 * the group finds. Words are matched after the same folding as the index's.
 */
export type SynonymGroups = string[][];

function synonymLookup(groups: SynonymGroups): Map<string, string[]> {
	const lookup = new Map<string, string[]>();
	for (const group of groups) {
		const terms = [...new Set(group.map(normalizeTerm).filter((t): t is string => t !== null))];
		for (const term of terms)
			lookup.set(term, [...new Set([...(lookup.get(term) ?? []), ...terms])]);
	}
	return lookup;
}

/** How much a synonym of a typed word counts, against the word itself. */
const SYNONYM_WEIGHT = 0.3;
/** When no service has every word: the share of the best score a result must reach. */
const OR_FLOOR = 0.5;

export interface CatalogueSearch {
	search(query: string, limit?: number): Service[];
}

const SEARCHED = ['title', 'summary', 'keywords'] as const;
const BOOST: Record<(typeof SEARCHED)[number], number> = { title: 3, summary: 1, keywords: 2 };

/**
 * The languages the catalogue is written in, French first. Not easy-read French: it restates the
 * French text, and counting its words twice would reorder the results ("repas" would rank the New
 * Year lunch above meal delivery).
 */
function languagesOf(services: Service[]): string[] {
	const langs = new Set(['fr']);
	for (const service of services)
		for (const field of SEARCHED) for (const lang of Object.keys(service[field])) langs.add(lang);
	langs.delete('fr-x-falc');
	return [...langs];
}

/**
 * One field per language ("title:fr", "title:ar"), so a person finds a service in the words she
 * types, and a translated service's French words weigh what an untranslated one's do (a single
 * field of every language made its French title five times longer, and "repas" ranked it 4th).
 */
function emptyIndex(langs: string[]): MiniSearch<Service> {
	return new MiniSearch<Service>({
		fields: SEARCHED.flatMap((field) => langs.map((lang) => `${field}:${lang}`)),
		storeFields: [],
		extractField: (service, key) => {
			if (key === 'id') return service.id;
			const [field, lang] = key.split(':') as [(typeof SEARCHED)[number], string];
			const value = service[field][lang];
			return Array.isArray(value) ? value.join(' ') : (value ?? '');
		},
		processTerm: normalizeTerm
	});
}

/** The search over a catalogue, built at once (the server's, rebuilt only when the catalogue changes). */
export function createSearchIndex(
	services: Service[],
	synonyms: SynonymGroups = []
): CatalogueSearch {
	const langs = languagesOf(services);
	const index = emptyIndex(langs);
	index.addAll(services);
	return searchOver(index, services, synonyms, langs);
}

/**
 * The same, built a few services at a time with pauses between: on a tablet, indexing a large
 * catalogue at once held the page still for seconds (3 s for 10,000 services at a quarter of this
 * machine's speed); in chunks, she can still scroll and tap while it is built.
 */
export async function buildSearchIndex(
	services: Service[],
	synonyms: SynonymGroups = []
): Promise<CatalogueSearch> {
	const langs = languagesOf(services);
	const index = emptyIndex(langs);
	await index.addAllAsync(services, { chunkSize: 20 });
	return searchOver(index, services, synonyms, langs);
}

function searchOver(
	index: MiniSearch<Service>,
	services: Service[],
	synonyms: SynonymGroups,
	langs: string[]
): CatalogueSearch {
	const byId = new Map(services.map((s) => [s.id, s]));
	const base: SearchOptions = {
		boost: Object.fromEntries(
			SEARCHED.flatMap((field) => langs.map((lang) => [`${field}:${lang}`, BOOST[field]]))
		),
		prefix: (term) => term.length >= 3,
		// Typos are forgiven by count, not share: one in a word of 5 to 9 letters, two from 10. A
		// share let "tablette" reach "toilette" (two letters apart); a short word none at all, since
		// "aide" one letter off is "ride" or "vide".
		fuzzy: (term) => (term.length >= 10 ? 2 : term.length >= 5 ? 1 : false),
		processTerm: normalizeTerm
	};
	const lookup = synonymLookup(synonyms);
	// Each word of the query, or the group it belongs to (any of whose words will do).
	const expand = (query: string, combineWith: 'AND' | 'OR'): Query => ({
		combineWith,
		// Stop words ("à", "les") are left out here: an AND with a word that matches nothing
		// would find nothing.
		queries: query
			.split(/[\s\p{P}]+/u)
			.filter((word) => normalizeTerm(word) !== null)
			.map((word) => {
				const typed = normalizeTerm(word)!;
				const group = lookup.get(typed);
				// The word she typed counts fully, its synonyms less: "à la maison" means at home, and
				// a group's three words for housing must not outweigh "repas".
				return group
					? {
							combineWith: 'OR',
							queries: group,
							boostTerm: (term: string) => (term === typed ? 1 : SYNONYM_WEIGHT)
						}
					: word;
			})
	});
	return {
		search(query, limit = 40) {
			const trimmed = query.trim().slice(0, 200);
			if (!trimmed) return [];
			// Every word must match first; only when that finds nothing does any word do.
			let hits = index.search(expand(trimmed, 'AND'), base);
			if (hits.length === 0) {
				// Any word will do, but a service matching only a far echo of one ("partagés" for a
				// mistyped "portage de rpas") is left out when better ones were found.
				hits = index.search(expand(trimmed, 'OR'), base);
				const best = hits[0]?.score ?? 0;
				hits = hits.filter((hit) => hit.score >= best * OR_FLOOR);
			}
			return hits
				.slice(0, limit)
				.map((hit) => byId.get(String(hit.id)))
				.filter((s): s is Service => s !== undefined);
		}
	};
}
