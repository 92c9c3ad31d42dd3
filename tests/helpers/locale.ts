import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const read = (...path: string[]) =>
	JSON.parse(readFileSync(join(process.cwd(), ...path), 'utf8')) as Record<string, unknown>;

/** Every French text of the demo catalogue, with its translations. */
let catalogueTexts: Map<string, Record<string, string>> | undefined;

function catalogueIndex() {
	if (catalogueTexts) return catalogueTexts;
	const index = new Map<string, Record<string, string>>();
	const walk = (node: unknown) => {
		if (Array.isArray(node)) node.forEach(walk);
		else if (node && typeof node === 'object') {
			const entries = Object.values(node);
			if ('fr' in node && entries.every((v) => typeof v === 'string'))
				index.set((node as { fr: string }).fr, node as Record<string, string>);
			else entries.forEach(walk);
		}
	};
	walk(read('commune', 'catalogue.json'));
	return (catalogueTexts = index);
}

/**
 * The interface's own words in a language, so tests name buttons as a person reading it would;
 * `.catalogue(fr)` gives a text of the commune's catalogue as she reads it (French when it is not
 * translated into her language).
 */
export function words(lang: string) {
	const tree = read('src', 'lib', 'i18n', 'locales', `${lang}.json`);
	const t = (key: string): string => {
		const value = key
			.split('.')
			.reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
		if (typeof value !== 'string') throw new Error(`No text for ${key} in ${lang}`);
		return value;
	};
	t.catalogue = (fr: string): string => catalogueIndex().get(fr)?.[lang] ?? fr;
	return t;
}

export type Words = ReturnType<typeof words>;
