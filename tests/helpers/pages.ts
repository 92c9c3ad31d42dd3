import { expect, test, type Browser, type Page } from '@playwright/test';

/** Waits until the service worker controls the page and the device holds the catalogue. */
export async function waitUntilReadyOffline(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	// The footer shows the time of the last successful sync once the catalogue is on the device.
	await expect(page.getByText(/Informations mises à jour le/)).toBeVisible();
}

/** Pages have no horizontal scroll: everything fits the viewport's width. */
export async function expectNoHorizontalScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

/** Sets the root font size to `percent` of the default, as a browser's text zoom does. */
export async function setTextSize(page: Page, percent: number) {
	await page.addStyleTag({ content: `html { font-size: ${1.25 * percent}% !important; }` });
}

/** Headings in the main content start with the h1 and never skip a level going down (WCAG 1.3.1). */
export async function expectHeadingOrder(page: Page) {
	const levels = await page
		.getByRole('main')
		.getByRole('heading')
		.evaluateAll((list) => list.map((h) => Number(h.tagName.slice(1))));
	expect(levels[0], 'the first heading is the h1').toBe(1);
	levels.forEach((level, i) => {
		if (i > 0)
			expect(level, `heading ${i + 1} of ${levels.join(',')}`).toBeLessThanOrEqual(
				levels[i - 1]! + 1
			);
	});
}

/** Both tablet orientations, as the screenshots were taken. */
export const TABLETS = [
	{ width: 1024, height: 768 },
	{ width: 768, height: 1024 }
];

/** A French tablet of this size whose display setting is the largest text (200 %). */
export async function tabletAt200(browser: Browser, viewport: { width: number; height: number }) {
	const context = await browser.newContext({ viewport, locale: 'fr-FR' });
	await context.addCookies([
		{ name: 'display', value: '200', url: test.info().project.use.baseURL! }
	]);
	return context;
}
