import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The interface's own words in a language, so tests name buttons as a person reading it would. */
export function words(lang: string) {
	const tree = JSON.parse(
		readFileSync(join(process.cwd(), 'src', 'lib', 'i18n', 'locales', `${lang}.json`), 'utf8')
	) as Record<string, unknown>;
	return (key: string): string => {
		const value = key
			.split('.')
			.reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
		if (typeof value !== 'string') throw new Error(`No text for ${key} in ${lang}`);
		return value;
	};
}
