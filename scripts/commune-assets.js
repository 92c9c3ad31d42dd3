// Reads the commune's identity file at build time and copies its logo and icons into static/, so a
// commune deploys by replacing the files in its commune folder (COMMUNE_DIR) and nothing else.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
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
