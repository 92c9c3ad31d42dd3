import { expect, test, type APIRequestContext } from '@playwright/test';
import { gzipSync } from 'node:zlib';

/**
 * What each kind of public page makes a tablet download before it can show anything: the
 * JavaScript its HTML preloads and the CSS it links, each compressed (gzip, as nginx serves them).
 * Bytes, not time, so the budget holds on any machine; a feature that slips into every page's
 * first load shows here. A budget is the page kind's measure when it was set, plus room for a
 * small feature; raise one only with a reason in the commit.
 */
const BUDGETS_KB: { kind: string; path: string; js: number; css: number }[] = [
	{ kind: 'home', path: '/', js: 0, css: 0 },
	{ kind: 'theme', path: '/themes/maintien-domicile', js: 0, css: 0 },
	{ kind: 'service', path: '/services/teleassistance-domicile', js: 0, css: 0 },
	{ kind: 'search', path: '/recherche?q=repas', js: 0, css: 0 },
	{ kind: 'request start', path: '/demandes/registre-canicule', js: 0, css: 0 },
	{ kind: 'request step', path: '/demandes/registre-canicule/etape/1', js: 0, css: 0 },
	{ kind: 'booking', path: '/rendez-vous/rendez-vous-conseillere-sociale', js: 0, css: 0 },
	{ kind: 'my requests', path: '/mes-demandes', js: 0, css: 0 },
	{ kind: 'my appointments', path: '/mes-rendez-vous', js: 0, css: 0 },
	{ kind: 'my details', path: '/mes-informations', js: 0, css: 0 },
	{ kind: 'display', path: '/affichage', js: 0, css: 0 },
	{ kind: 'statement', path: '/accessibilite', js: 0, css: 0 }
];

/** The addresses a page's HTML has the browser fetch first: preloaded modules, linked styles. */
function firstLoad(html: string) {
	const attribute = (tag: string, name: string) =>
		new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1] ?? '';
	const links = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0]);
	const js = links.filter((l) => /rel="modulepreload"/.test(l)).map((l) => attribute(l, 'href'));
	const css = links.filter((l) => /rel="stylesheet"/.test(l)).map((l) => attribute(l, 'href'));
	return { js: [...new Set(js)], css: [...new Set(css)] };
}

async function compressedBytes(request: APIRequestContext, base: string, files: string[]) {
	let total = 0;
	for (const file of files) {
		const response = await request.get(new URL(file, base).href);
		expect(response.ok(), file).toBe(true);
		total += gzipSync(await response.body(), { level: 9 }).length;
	}
	return total;
}

test('each public page kind loads no more than its budget of JavaScript and CSS first', async ({
	request,
	baseURL
}) => {
	const lines: string[] = [];
	const over: string[] = [];
	for (const budget of BUDGETS_KB) {
		const page = await request.get(budget.path);
		expect(page.ok(), budget.path).toBe(true);
		const url = new URL(budget.path, baseURL).href;
		const files = firstLoad(await page.text());
		expect(files.js.length, `${budget.kind}: no module preloaded`).toBeGreaterThan(0);
		const js = (await compressedBytes(request, url, files.js)) / 1024;
		const css = (await compressedBytes(request, url, files.css)) / 1024;
		lines.push(
			`${budget.kind}: JS ${js.toFixed(1)} kB (budget ${budget.js}), CSS ${css.toFixed(1)} kB (budget ${budget.css})`
		);
		if (js > budget.js) over.push(`${budget.kind}: JS ${js.toFixed(1)} kB > ${budget.js} kB`);
		if (css > budget.css) over.push(`${budget.kind}: CSS ${css.toFixed(1)} kB > ${budget.css} kB`);
	}
	console.info(`First load, compressed:\n  ${lines.join('\n  ')}`);
	expect(over).toEqual([]);
});
