// `npm run bench`: every figure the portal is held to, beside its goal and, where it means
// something, beside a bare SvelteKit page (bench/bare) measured in the same run on the same
// machine: absolute times on shared machines move by 2×, ratios much less. Builds what it needs,
// talks only to servers it starts on localhost, and writes bench/results.json.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfChanged } from '../scripts/build-if-changed.js';
import { lighthouseRun } from './lighthouse.js';
import { offlineReadyFigure } from './offline-ready.js';
import { scaleFigures } from './scale.js';
import { documentFigures } from './documents.js';
import { pageSendingFigures } from './page-sending.js';
import { loadFigures } from './load.js';
import { loadGet, loadOutbox, median, startServer, stop } from './servers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.BENCH_PORT ?? 4300);
const BARE_PORT = PORT + 1;
const base = `http://localhost:${PORT}`;
const bare = `http://localhost:${BARE_PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** @type {{ figure: string; portal: number; unit: string; bare?: number; goal?: string; ok?: boolean; note?: string }[]} */
const figures = [];
/** @param {(typeof figures)[number]} f */
const add = (f) => figures.push(f);

buildIfChanged();
console.info('Building the bare page (bench/bare)…');
const bareBuild = spawnSync('npx', ['vite', 'build'], { cwd: 'bench/bare', stdio: 'ignore' });
if (bareBuild.status !== 0) throw new Error('the bare page did not build');

const dataDir = mkdtempSync(join(tmpdir(), 'portail-bench-'));
// One machine plays thousands of tablets: the per-address limit on new devices and the per-device
// daily limits on requests and mutations (tested elsewhere) would otherwise measure themselves.
const portalEnv = {
	// The embedded database, never the one this shell may point DATABASE_URL at.
	DATABASE_URL: '',
	DATA_DIR: dataDir,
	ORIGIN: base,
	QUOTA_NEW_DEVICES_PER_HOUR: '10000000',
	QUOTA_REQUESTS_PER_DAY: '10000000',
	QUOTA_MUTATIONS_PER_DAY: '10000000'
};
let server = await startServer('server/index.js', PORT, portalEnv, '/api/health');
const bareServer = await startServer('bench/bare/build/index.js', BARE_PORT);

/** Bytes on the wire for `path` when the browser accepts brotli. */
function wireBytes(url) {
	return new Promise((resolve, reject) => {
		httpRequest(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
			let bytes = 0;
			response.on('data', (chunk) => (bytes += chunk.length));
			response.on('end', () => resolve(bytes));
		})
			.on('error', reject)
			.end();
	});
}

// --- What a first visit downloads -------------------------------------------------------------
const browser = await chromium.launch({ executablePath: CHROMIUM });
/**
 * Scripts (brotli bytes) a first visit asks for while its HTML is read (what the page needs to
 * start), and those asked for later (in idle time). Read from the page's resource timing, not
 * from response events, which may arrive after `goto` returns.
 */
async function firstLoadScripts(url, clientDir) {
	const page = await browser.newPage({ locale: 'fr-FR' });
	await page.goto(url, { waitUntil: 'networkidle' });
	const scripts = await page.evaluate(() => {
		const [navigation] = performance.getEntriesByType('navigation');
		const parsed = navigation ? navigation.domContentLoadedEventEnd : 0;
		return performance
			.getEntriesByType('resource')
			.filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
			.map((entry) => ({ path: new URL(entry.name).pathname, early: entry.startTime <= parsed }));
	});
	await page.close();
	const kib = (early) => {
		let bytes = 0;
		for (const { path } of scripts.filter((s) => s.early === early)) {
			const file = join(clientDir, path);
			bytes += statSync(`${file}.br`, { throwIfNoEntry: false })?.size ?? statSync(file).size;
		}
		return bytes / 1024;
	};
	return { before: kib(true), after: kib(false) };
}
const portalScripts = await firstLoadScripts(`${base}/`, 'build/client');
const bareScripts = await firstLoadScripts(`${bare}/`, 'bench/bare/build/client');
add({
	figure: 'JavaScript the home page starts with (brotli)',
	portal: portalScripts.before,
	bare: bareScripts.before,
	unit: 'KiB'
});
add({
	figure: 'JavaScript after, in idle time (sync, store, worker)',
	portal: portalScripts.after,
	bare: bareScripts.after,
	unit: 'KiB'
});
await browser.close();
const catalogueBytes = await wireBytes(`${base}/api/v1/catalogue`);
add({
	figure: 'catalogue, first delta on the wire',
	portal: catalogueBytes / 1024,
	unit: 'KiB',
	goal: '≤ 30 KB',
	ok: catalogueBytes <= 30_000
});
const { cursor } = await (await fetch(`${base}/api/v1/catalogue`)).json();
/** What a tablet's browser sends with every request that changes the answer. */
const BROWSER = { 'accept-language': 'fr', 'accept-encoding': 'br, gzip' };

// --- Server throughput (8 connections, 5 s each) ---------------------------------------------
/** A request-rate figure: `url` as often as 8 clients can for 5 s, beside its goal. */
async function rateFigure(figure, url, goal, { headers = {}, expected = 200, bareUrl } = {}) {
	const measured = await loadGet(url, { headers, expected });
	add({
		figure,
		portal: measured.perSecond,
		bare: bareUrl ? (await loadGet(bareUrl, { headers })).perSecond : undefined,
		unit: 'req/s',
		goal: `≥ ${goal.toLocaleString('en')}`,
		ok: measured.perSecond >= goal,
		note: `p50 ${measured.p50.toFixed(1)} ms`
	});
}
await rateFigure('catalogue unchanged (304)', `${base}/api/v1/catalogue?since=${cursor}`, 5000, {
	headers: { 'if-none-match': `"c${cursor}-s${cursor}"` },
	expected: 304
});
await rateFigure('search API', `${base}/api/v1/search?q=repas`, 2000, { headers: BROWSER });
await rateFigure('server-rendered service page', `${base}/services/portage-repas-domicile`, 1000, {
	headers: BROWSER,
	bareUrl: `${bare}/`
});

// Outbox: tablets each sending a batch of 10 new requests, 8 at a time; then batches again, which
// must all come back as duplicates (exactly once holds under load). Only "applied" counts.
/** @type {[Record<string, string>, string][]} */
const sentBatches = [];
const outbox = await loadOutbox(base, sentBatches);
let duplicates = 0;
for (const [headers, body] of sentBatches.slice(0, 200)) {
	const answer = await fetch(`${base}/api/v1/outbox`, { method: 'POST', headers, body });
	const { results } = await answer.json();
	duplicates += results.filter((r) => r.status === 'duplicate').length;
}
add({
	figure: 'outbox, mutations applied (batches of 10)',
	portal: outbox.perSecond,
	unit: 'mutations/s',
	goal: '≥ 2,000',
	ok: outbox.perSecond >= 2000,
	note: `sent again: ${duplicates} of ${Math.min(200, sentBatches.length) * 10} answered duplicate`
});

// --- Lighthouse, mobile profile, first visits, interleaved with the bare page -----------------
const PAGES = [
	['home', '/'],
	['theme', '/themes/maintien-domicile'],
	['service', '/services/teleassistance-domicile'],
	['search results', '/recherche?q=repas'],
	['form step', '/demandes/registre-canicule']
];
/** @type {Record<string, Awaited<ReturnType<typeof lighthouseRun>>[]>} */
const lh = { bare: [] };
for (const [name] of PAGES) lh[name] = [];
for (let run = 1; run <= RUNS; run++) {
	console.info(`Lighthouse, round ${run} of ${RUNS}…`);
	lh.bare.push(await lighthouseRun(`${bare}/`));
	for (const [name, path] of PAGES) lh[name].push(await lighthouseRun(base + path));
}
const med = (name, key) => median(lh[name].map((r) => r[key]));
const best = (name, key) => Math.min(...lh[name].map((r) => r[key]));
for (const [name] of PAGES) {
	const ratio = (key, pick = med) => pick(name, key) / pick('bare', key);
	add({
		figure: `${name}: performance score (median)`,
		portal: med(name, 'score'),
		bare: med('bare', 'score'),
		unit: '',
		goal: '≥ 0.95',
		ok: med(name, 'score') >= 0.95
	});
	add({
		figure: `${name}: first contentful paint (median)`,
		portal: med(name, 'fcp'),
		bare: med('bare', 'fcp'),
		unit: 'ms',
		goal: '≤ 1.2× bare',
		ok: ratio('fcp') <= 1.2,
		note: `${ratio('fcp').toFixed(2)}×`
	});
	add({
		figure: `${name}: largest contentful paint (best of ${RUNS})`,
		portal: best(name, 'lcp'),
		bare: best('bare', 'lcp'),
		unit: 'ms',
		goal: '≤ 1.2× bare',
		ok: ratio('lcp', best) <= 1.2,
		note: `${ratio('lcp', best).toFixed(2)}×`
	});
	add({
		figure: `${name}: total blocking time (median)`,
		portal: med(name, 'tbt'),
		bare: med('bare', 'tbt'),
		unit: 'ms',
		goal: '≤ 200 ms',
		ok: med(name, 'tbt') <= 200
	});
	add({
		figure: `${name}: bytes transferred (median)`,
		portal: med(name, 'bytes') / 1024,
		bare: med('bare', 'bytes') / 1024,
		unit: 'KiB',
		goal: '≤ 150 KiB',
		ok: med(name, 'bytes') / 1024 <= 150
	});
}

// --- Offline: pages open from the device with the server stopped ------------------------------
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
for (let run = 0; run < RUNS; run++) {
	context = await launch();
	await context.setOffline(true);
	page = context.pages()[0] ?? (await context.newPage());
	const t0 = performance.now();
	await page.goto('/services/portage-repas-domicile');
	await page.getByRole('heading', { level: 1, name: 'Portage de repas à domicile' }).waitFor();
	coldTimes.push(performance.now() - t0);
	await context.close();
}
add({
	figure: 'offline open, browser just restarted (median)',
	portal: median(coldTimes),
	unit: 'ms'
});
add({
	figure: 'database file after the bench',
	portal: statSync(join(dataDir, 'portail.sqlite')).size / 1024,
	unit: 'KiB'
});
await stop(bareServer);
await offlineReadyFigure({ chromiumPath: CHROMIUM, port: PORT + 2, env: portalEnv, add });
await scaleFigures({ chromiumPath: CHROMIUM, port: PORT + 4, env: portalEnv, add });
await documentFigures({ chromiumPath: CHROMIUM, port: PORT + 6, env: portalEnv, add });
console.info(
	'Pages sent: 10 MB over slow 3G, dropped 3 times; 20 tablets at once (SQLite, PostgreSQL)…'
);
await pageSendingFigures({ port: PORT + 8, env: portalEnv, add });
console.info('Load: 1 instance on SQLite, then 2 on PostgreSQL…');
await loadFigures({ add });

// --- Report -----------------------------------------------------------------------------------
const shown = (value, unit) =>
	`${value >= 100 ? Math.round(value).toLocaleString('en') : Number(value.toFixed(2))}${unit ? ` ${unit}` : ''}`;
const rows = figures.map((f) => [
	f.figure,
	shown(f.portal, f.unit),
	f.bare === undefined ? '' : shown(f.bare, f.unit),
	f.goal ?? '',
	f.ok === undefined ? '' : f.ok ? 'met' : 'NOT MET',
	f.note ?? ''
]);
const header = ['figure', 'portal', 'bare page', 'goal', '', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
	cells
		.map((c, i) => c.padEnd(widths[i]))
		.join('  ')
		.trimEnd();
console.log(
	`\nPortail Seniors — benchmark (${new Date().toISOString()}, ${RUNS} Lighthouse runs a page)`
);
console.log(line(header));
for (const row of rows) console.log(line(row));
writeFileSync(
	'bench/results.json',
	`${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, figures, lighthouse: lh }, null, 1)}\n`
);
console.log('\nWritten to bench/results.json.');
