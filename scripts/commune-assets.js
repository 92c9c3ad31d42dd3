// Reads the commune's identity file at build time and copies its logo and icons into static/, so a
// commune deploys by replacing the files in its commune folder (COMMUNE_DIR) and nothing else.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function communeDir() {
	return resolve(process.env.COMMUNE_DIR ?? 'commune');
}

/**
 * @param {string | Record<string, string> | undefined} value
 * @param {string} lang
 */
function text(value, lang = 'fr') {
	if (typeof value === 'string') return value;
	return value?.[lang] ?? value?.fr ?? '';
}

export function readCommuneForBuild() {
	const dir = communeDir();
	const file = join(dir, 'commune.json');
	const raw = JSON.parse(readFileSync(file, 'utf8'));
	for (const key of ['name', 'appName', 'shortName', 'colors', 'contact', 'languages']) {
		if (!raw[key]) throw new Error(`${file}: "${key}" is missing`);
	}
	const out = resolve('static/commune');
	mkdirSync(out, { recursive: true });
	const assets = { 'logo.svg': raw.logo, ...iconTargets(raw.icons) };
	for (const [target, source] of Object.entries(assets)) {
		const from = join(dir, source ?? '');
		if (!source || !existsSync(from)) throw new Error(`${file}: file for ${target} not found`);
		mkdirSync(dirname(join(out, target)), { recursive: true });
		copyFileSync(from, join(out, target));
	}
	writeFileSync(join(out, 'theme.css'), themeCss(raw.colors, file));
	return {
		appName: text(raw.appName, raw.defaultLanguage),
		shortName: text(raw.shortName, raw.defaultLanguage),
		description: text(raw.description, raw.defaultLanguage),
		defaultLanguage: raw.defaultLanguage ?? 'fr',
		colors: {
			theme: raw.colors.theme ?? raw.colors.primary,
			background: raw.colors.background ?? '#ffffff'
		}
	};
}

/** @param {Record<string, string>} icons */
function iconTargets(icons = {}) {
	return {
		'icon-192.png': icons['192'],
		'icon-512.png': icons['512'],
		'icon-maskable-512.png': icons.maskable
	};
}

/** @param {string} hex */
function luminance(hex) {
	const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
	const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
	return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** WCAG contrast ratio of two #rrggbb colours.
 * @param {string} a
 * @param {string} b
 */
export function contrast(a, b) {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

/**
 * The commune's colour as CSS custom properties. It is used for links and button backgrounds, so
 * it must keep the portal's 7:1 contrast with white: a paler colour fails the build, in plain words.
 * @param {{ primary: string }} colors
 * @param {string} file
 */
function themeCss(colors, file) {
	const primary = colors.primary;
	if (!/^#[0-9a-fA-F]{6}$/.test(primary))
		throw new Error(`${file}: colors.primary must look like #1a2b3c`);
	const ratio = contrast(primary, '#ffffff');
	if (ratio < 7) {
		throw new Error(
			`${file}: colors.primary ${primary} has a contrast of ${ratio.toFixed(1)}:1 with white; ` +
				'older readers need 7:1. Choose a darker colour.'
		);
	}
	return `:root {\n\t--color-primary: ${primary};\n\t--color-link: ${primary};\n}\n`;
}
