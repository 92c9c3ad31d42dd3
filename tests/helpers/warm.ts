import {
	test as base,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type CDPSession,
	type Page,
	type ViewportSize
} from '@playwright/test';
import { readFileSync } from 'node:fs';

interface Warm {
	context: BrowserContext;
	page: Page;
	cdp: CDPSession;
}

/**
 * A new tablet for each test, in a browser that has seen the portal before: each worker keeps one
 * browser context per set of options, and each test gets its one tab, after the portal's
 * origin is wiped (cookies, IndexedDB, localStorage, sessionStorage, service workers, caches) — so
 * the device has no identity, no catalogue and no drafts, as in a fresh context, while the HTTP
 * cache and the compiled scripts stay. For suites that look at many pages one at a time (the accessibility
 * matrices): a fresh context cost each state 1.3–2.2 s to load the page and 0.45 s to load axe,
 * a wiped one 0.6–0.8 s and 0.3 s (measured alone; twice that with the suite's load).
 *
 * Only for tests that use nothing else of the context: the tab's routes are dropped after each
 * test, but the context's own routes, permissions, offline switch or clock would outlive it.
 */
export const test = base.extend<object, { warm: Record<string, Warm> }>({
	warm: [
		// Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
		// eslint-disable-next-line no-empty-pattern
		async ({}, use) => {
			const tablets: Record<string, Warm> = {};
			await use(tablets);
			await Promise.all(Object.values(tablets).map((t) => t.context.close()));
		},
		{ scope: 'worker' }
	],
	context: async (
		{ warm, browser, baseURL, locale, timezoneId, viewport, serviceWorkers, storageState },
		use
	) => {
		const options: BrowserContextOptions = {
			baseURL,
			locale,
			timezoneId,
			viewport,
			serviceWorkers
		};
		const key = JSON.stringify({ ...options, storageState });
		warm[key] ??= await open(browser, options);
		const tablet = warm[key];
		await wipe(tablet, baseURL!, viewport);
		// A signed-in agent's session (a saved state's cookies) is given anew to each test.
		if (typeof storageState === 'string') {
			const saved = JSON.parse(readFileSync(storageState, 'utf8')) as {
				cookies: Parameters<BrowserContext['addCookies']>[0];
			};
			await tablet.context.addCookies(saved.cookies);
		}
		await use(tablet.context);
		await tablet.page.unrouteAll({ behavior: 'ignoreErrors' });
	},
	page: async ({ context }, use) => {
		await use(context.pages()[0]!);
	}
});

async function open(browser: Browser, options: BrowserContextOptions): Promise<Warm> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	return { context, page, cdp: await context.newCDPSession(page) };
}

/**
 * Everything the portal's origin keeps on the device, gone (the tab's sessionStorage too); the
 * browser's HTTP cache stays. The tab is the same one: a new tab starts a new renderer and
 * compiles every script again (1.0 s a page against 0.65 s, measured).
 */
async function wipe({ context, page, cdp }: Warm, origin: string, viewport: ViewportSize | null) {
	if (page.url().startsWith(origin)) await page.evaluate(() => sessionStorage.clear());
	await page.goto('about:blank');
	await context.clearCookies();
	await cdp.send('Storage.clearDataForOrigin', {
		origin: new URL(origin).origin,
		storageTypes: 'indexeddb,local_storage,service_workers,cache_storage,file_systems,websql'
	});
	if (viewport) await page.setViewportSize(viewport);
}

export { expect } from '@playwright/test';
