// `npm run bench`: prints the figures the portal is held to. Needs a build (`npm run build`) and
// Debian's Chromium. Every loop is bounded and talks only to servers it starts on localhost.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.BENCH_PORT ?? 4300);
const base = `http://localhost:${PORT}`;

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function startServer(dataDir) {
	const child = spawn(process.execPath, ['server/index.js'], {
		env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir },
		stdio: 'ignore'
	});
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${base}/api/health`)).ok) return child;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	throw new Error('server did not start');
}

async function stop(child) {
	if (child.exitCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
}

/** Requests per second for `path`, `concurrency` at a time, for at most `seconds`. */
async function throughput(path, concurrency = 8, seconds = 3, headers = {}) {
	let done = 0;
	const latencies = [];
	const until = Date.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (Date.now() < until) {
				const t0 = performance.now();
				const response = await fetch(base + path, { headers });
				await response.arrayBuffer();
				latencies.push(performance.now() - t0);
				done++;
			}
		})
	);
	return { rps: Math.round(done / seconds), p50: median(latencies).toFixed(1) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'portail-bench-'));
let server = await startServer(dataDir);
const figures = [];

// First-load JavaScript of the home page: every script a first visit downloads, gzip-compressed.
const browser = await chromium.launch({ executablePath: CHROMIUM });
const firstVisit = await browser.newPage({ locale: 'fr-FR' });
const scripts = new Set();
firstVisit.on('response', (response) => {
	if (response.url().endsWith('.js') && !response.url().includes('service-worker'))
		scripts.add(new URL(response.url()).pathname);
});
await firstVisit.goto(`${base}/`, { waitUntil: 'networkidle' });
await browser.close();
let raw = 0;
let gzip = 0;
for (const src of scripts) {
	const file = readFileSync(join('build/client', src));
	raw += file.length;
	gzip += gzipSync(file).length;
}
figures.push([
	'first-load JS, home page',
	`${(gzip / 1024).toFixed(1)} KiB gzip (${(raw / 1024).toFixed(1)} KiB raw, ${scripts.size} files)`
]);
figures.push([
	'service worker precache',
	`${readFileSync('build/client/service-worker.js', 'utf8').match(/"revision"/g)?.length ?? 0} entries`
]);

const full = await fetch(`${base}/api/v1/catalogue`);
const fullBody = await full.arrayBuffer();
figures.push([
	'full catalogue download',
	`${(fullBody.byteLength / 1024).toFixed(1)} KiB JSON, ${(gzipSync(Buffer.from(fullBody)).length / 1024).toFixed(1)} KiB gzip`
]);
const { cursor } = JSON.parse(Buffer.from(fullBody).toString());

for (const [label, path, headers] of [
	['GET /api/v1/catalogue (full)', '/api/v1/catalogue', {}],
	['GET /api/v1/catalogue?since (304)', `/api/v1/catalogue?since=${cursor}`, {}],
	['GET /api/v1/search?q=repas', '/api/v1/search?q=repas', {}],
	[
		'SSR /services/portage-repas-domicile',
		'/services/portage-repas-domicile',
		{ 'accept-language': 'fr' }
	]
]) {
	const h = label.includes('304') ? { 'if-none-match': `"c${cursor}-s${cursor}"` } : headers;
	const { rps, p50 } = await throughput(path, 8, 3, h);
	figures.push([label, `${rps} req/s, p50 ${p50} ms (8 concurrent, 3 s)`]);
}

// Offline: open a page with the server stopped, in a browser restarted from its profile.
const profile = mkdtempSync(join(tmpdir(), 'portail-bench-profile-'));
const launch = () =>
	chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		locale: 'fr-FR',
		baseURL: base
	});
let context = await launch();
let page = context.pages()[0] ?? (await context.newPage());
await page.goto('/');
await page.evaluate(() => navigator.serviceWorker.ready);
await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
await page.getByText(/Informations mises à jour le/).waitFor();
await context.close();
await stop(server);

const coldTimes = [];
const warmTimes = [];
for (let run = 0; run < 5; run++) {
	context = await launch();
	await context.setOffline(true);
	page = context.pages()[0] ?? (await context.newPage());
	let t0 = performance.now();
	await page.goto('/services/portage-repas-domicile');
	await page.getByRole('heading', { level: 1, name: 'Portage de repas à domicile' }).waitFor();
	coldTimes.push(performance.now() - t0);
	t0 = performance.now();
	await page.goto('/themes/transport');
	await page.getByRole('heading', { level: 1, name: 'Se déplacer' }).waitFor();
	warmTimes.push(performance.now() - t0);
	await context.close();
}
figures.push([
	'offline open, browser just restarted',
	`median ${median(coldTimes).toFixed(0)} ms over 5 (service page)`
]);
figures.push([
	'offline full page load, browser running',
	`median ${median(warmTimes).toFixed(0)} ms over 5 (theme page)`
]);
figures.push([
	'database file',
	`${(statSync(join(dataDir, 'portail.sqlite')).size / 1024).toFixed(0)} KiB`
]);

const width = Math.max(...figures.map(([k]) => k.length));
console.log('\nPortail Seniors — benchmark');
for (const [k, v] of figures) console.log(`  ${k.padEnd(width)}  ${v}`);
