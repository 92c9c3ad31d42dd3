import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { gzipSync } from 'node:zlib';

/**
 * What each kind of public page makes a tablet download on a first visit: its JavaScript and CSS,
 * each compressed (gzip, as nginx serves them).
 * Bytes, not time, so the budget holds on any machine; a feature that slips into every page's
 * first load shows here. A budget is the page kind's measure when it was set, plus room for a
 * small feature; raise one only with a reason in the commit. Set at 160 kB of JavaScript for most
 * pages (SvelteKit, the app, the device's store and sync), 200 where she types a phone number
 * (the numbering plan, libphonenumber's metadata, ~40 kB), 4 to 5.5 kB of CSS.
 */
const BUDGETS_KB: { kind: string; path: string; js: number; css: number }[] = [
	{ kind: 'home', path: '/', js: 172, css: 6 },
	{ kind: 'theme', path: '/themes/maintien-domicile', js: 172, css: 6 },
	// 175: the messages' words in every page's French (issue 25). Next: the notices' texts (e-mail,
	// SMS, letter: 1.3 kB compressed, written on the server only) out of the tablet's French.
	{ kind: 'service', path: '/services/teleassistance-domicile', js: 175, css: 6 },
	{ kind: 'search', path: '/recherche?q=repas', js: 172, css: 6 },
	{ kind: 'request start', path: '/demandes/registre-canicule', js: 172, css: 6 },
	// 183 and 6.5: a household's block page, the one reading of answers by step and person, and
	// a document question's few rules (issue 25); +2 kB, her messages with the office (issue 25,
	// §3): their French words ride in the interface's French, which every page loads first, and
	// their badge on "Mes demandes" is in every page's header.
	{ kind: 'request step', path: '/demandes/registre-canicule/etape/1', js: 183, css: 6.5 },
	// 6.5: a document question's few rules ride with the form's questions, which booking asks too
	// (SvelteKit lists a lazily loaded component's CSS with the page; its script stays lazy).
	{ kind: 'booking', path: '/rendez-vous/rendez-vous-conseillere-sociale', js: 220, css: 6.5 },
	// 174: her list says, request by request, what the office wrote and whether it waits for her.
	{ kind: 'my requests', path: '/mes-demandes', js: 174, css: 6 },
	// 177: the outbox every page carries frees a request's pages once it is applied (issue 25),
	// and the pages of her answers to the office.
	{ kind: 'my appointments', path: '/mes-rendez-vous', js: 177, css: 6 },
	// 216: her messages' and her numéro unique's French words, in every page's French (issue 25).
	{ kind: 'my details', path: '/mes-informations', js: 216, css: 6 },
	{ kind: 'display', path: '/affichage', js: 172, css: 6 },
	{ kind: 'statement', path: '/accessibilite', js: 172, css: 6 }
];

/**
 * The scripts and styles a first visit to the page downloads on its own, until the network is
 * quiet: SvelteKit's entries, the page's nodes and what they import, the device's store where the
 * page reads it. A fresh browser each time (nothing cached, no service worker yet).
 */
async function firstLoad(browser: Browser, url: string) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const files = { js: new Set<string>(), css: new Set<string>() };
	page.on('response', (response) => {
		const type = response.request().resourceType();
		const path = new URL(response.url()).pathname;
		if (type === 'script') files.js.add(path);
		if (type === 'stylesheet') files.css.add(path);
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await context.close();
	return { js: [...files.js], css: [...files.css] };
}

/** A built file's compressed size, by its path: names carry a hash of the content, and most
 * pages share most files, so each worker fetches and compresses each file once. */
const gzippedSize: Record<string, number> = {};

async function compressedBytes(request: APIRequestContext, base: string, files: string[]) {
	let total = 0;
	for (const file of files) {
		if (gzippedSize[file] === undefined) {
			const response = await request.get(new URL(file, base).href);
			expect(response.ok(), file).toBe(true);
			gzippedSize[file] = gzipSync(await response.body(), { level: 9 }).length;
		}
		total += gzippedSize[file];
	}
	return total;
}

// One test a page kind: each its own time, so a loaded machine slows a page, never fails the lot.
test.describe.configure({ mode: 'parallel' });

for (const budget of BUDGETS_KB) {
	test(`${budget.kind} loads no more than its budget of JavaScript and CSS first`, async ({
		browser,
		request,
		baseURL
	}) => {
		const url = new URL(budget.path, baseURL).href;
		const files = await firstLoad(browser, url);
		expect(files.js.length, `${budget.kind}: no module preloaded`).toBeGreaterThan(0);
		const js = (await compressedBytes(request, url, files.js)) / 1024;
		const css = (await compressedBytes(request, url, files.css)) / 1024;
		console.info(
			`First load of ${budget.kind}, compressed: JS ${js.toFixed(1)} kB (budget ${budget.js}), CSS ${css.toFixed(1)} kB (budget ${budget.css})`
		);
		expect(js, `${budget.kind}: JavaScript, kB`).toBeLessThanOrEqual(budget.js);
		expect(css, `${budget.kind}: CSS, kB`).toBeLessThanOrEqual(budget.css);
	});
}
