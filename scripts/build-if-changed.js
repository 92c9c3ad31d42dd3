// The portal's build, made again only when what goes into it changed (npm start, npm run bench).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { communeDir } from './commune-assets.js';

const INPUTS = [
	'src',
	'server',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json',
	communeDir()
];
const STAMP = 'build/.source-hash';

function addTree(hash, path) {
	if (!existsSync(path) || path.endsWith('static/commune')) return;
	if (statSync(path).isDirectory()) {
		for (const entry of readdirSync(path).sort()) addTree(hash, join(path, entry));
	} else if (!path.endsWith('catalogue.json')) {
		// The catalogue is read at run time, so changing it needs no rebuild.
		hash.update(path).update(readFileSync(path));
	}
}

/** A digest of everything that goes into the build: the same sources, the same digest. */
export function sourceDigest() {
	const hash = createHash('sha256');
	for (const input of INPUTS) addTree(hash, input);
	return hash.digest('hex');
}

/** Builds the portal (vite build) unless build/ was made from these very sources. */
export function buildIfChanged() {
	const digest = sourceDigest();
	if (
		!existsSync('build/index.js') ||
		!existsSync(STAMP) ||
		readFileSync(STAMP, 'utf8') !== digest
	) {
		console.info('Building the portal (first start or sources changed)…');
		const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
		if (result.status !== 0) process.exit(result.status ?? 1);
		writeFileSync(STAMP, digest);
	}
}
