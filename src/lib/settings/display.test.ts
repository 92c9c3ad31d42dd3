import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { directionOf, TRANSLATED } from '$lib/i18n/languages';
import {
	CONTRASTS,
	MOTIONS,
	SPACINGS,
	TEXT_SIZES,
	displayAttributes,
	parseDisplay,
	serializeDisplay
} from './display';

const HEAD_SCRIPT = readFileSync('static/display.js', 'utf8');

/** Runs the head script as the browser does before the first paint, with this device's storage. */
function headScript(stored: Record<string, string>) {
	const attributes: Record<string, string> = {};
	const root = {
		lang: 'fr',
		dir: 'ltr',
		classList: { add: () => undefined },
		setAttribute: (name: string, value: string) => (attributes[name] = value)
	};
	runInNewContext(HEAD_SCRIPT, {
		document: { documentElement: root },
		localStorage: { getItem: (key: string) => stored[key] ?? null }
	});
	return { attributes, lang: root.lang, dir: root.dir };
}

describe('the head script (static/display.js) and the settings agree', () => {
	it('applies every display combination exactly as the server paints it', () => {
		for (const text of TEXT_SIZES)
			for (const contrast of CONTRASTS)
				for (const spacing of SPACINGS)
					for (const motion of MOTIONS) {
						const settings = { text, contrast, spacing, motion };
						const { attributes } = headScript({ display: serializeDisplay(settings) });
						expect(attributes).toEqual(displayAttributes(settings));
					}
	});

	it('ignores unknown values one setting at a time, as parseDisplay does', () => {
		const { attributes } = headScript({ display: '999.dark.huge.reduce' });
		const parsed = parseDisplay('999.dark.huge.reduce');
		expect(attributes['data-contrast']).toBe(parsed.contrast);
		expect(attributes['data-motion']).toBe(parsed.motion);
		expect(attributes['data-text']).toBeUndefined();
		expect(attributes['data-spacing']).toBeUndefined();
	});

	it('sets the language and its direction for every translated language, and nothing else', () => {
		for (const lang of TRANSLATED) {
			expect(headScript({ lang })).toMatchObject({ lang, dir: directionOf(lang) });
		}
		expect(headScript({ lang: 'de' })).toMatchObject({ lang: 'fr', dir: 'ltr' });
	});
});
