// `npm start`: builds the portal when its sources or the commune's files changed since the last
// build, then serves it with the embedded database (migrated and seeded on first start).
import { spawn, spawnSync } from 'node:child_process';
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

const hash = createHash('sha256');
for (const input of INPUTS) addTree(hash, input);
const digest = hash.digest('hex');

if (!existsSync('build/index.js') || !existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== digest) {
	console.info('Building the portal (first start or sources changed)…');
	const result = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
	writeFileSync(STAMP, digest);
}

const env = {
	...process.env,
	PORT: process.env.PORT ?? '3000',
	DATA_DIR: process.env.DATA_DIR ?? './data'
};
// Without ORIGIN, adapter-node assumes https, so every form posted over plain http (the demo, a
// test server) would be refused as cross-site. Behind a proxy, set ORIGIN to the public address.
if (!env.ORIGIN && !env.PROTOCOL_HEADER) env.ORIGIN = `http://localhost:${env.PORT}`;
console.info(`Portail Seniors on http://localhost:${env.PORT} (data in ${env.DATA_DIR})`);
// server/index.js wraps adapter-node's handler: the same settings, and the security headers on
// the static files and the offline shell too.
const server = spawn(process.execPath, ['server/index.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
