import { type Page } from '@playwright/test';
import { AUDIT_LANGUAGES, auditState } from './helpers/audit';
import { OFFLINE_STATES, STATES } from './helpers/audit-matrix';
import { words } from './helpers/locale';
import { test as portalTest } from './helpers/portal';
import { expect, test } from './helpers/warm';

/** Interactive elements smaller than 48×48 CSS px (inline links in running text are exempt, WCAG 2.5.8). */
async function smallTargets(page: Page) {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('a, button, input, select, textarea, summary')]
			.filter((el) => el.offsetParent !== null && !el.closest('p, dd, li > p'))
			.filter((el) => !el.classList.contains('skip-link'))
			// A radio or checkbox is pressed through its whole label, which is the target.
			.map((el) => ({ el, box: (el.closest('label') ?? el).getBoundingClientRect() }))
			.filter(({ box }) => box.height < 47.5 || box.width < 47.5)
			.map(
				({ el, box }) =>
					`${el.tagName} "${el.textContent?.trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`
			)
	);
}

/** Text smaller than 16 px anywhere, and the body size. */
async function textSizes(page: Page) {
	return page.evaluate(() => {
		const small = [...document.querySelectorAll<HTMLElement>('body *')]
			.filter(
				(el) =>
					el.offsetParent !== null &&
					[...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim())
			)
			.filter((el) => parseFloat(getComputedStyle(el).fontSize) < 16)
			.map((el) => `${el.tagName} "${el.textContent?.trim().slice(0, 30)}"`);
		return { small, body: parseFloat(getComputedStyle(document.body).fontSize) };
	});
}

// The matrix: every state × {French, Arabic}, each with its checks (tests/helpers/audit.ts).
// Its tests are independent of one another, so both workers share them.
test.describe.configure({ mode: 'parallel' });

for (const lang of AUDIT_LANGUAGES) {
	test.describe(`audit in ${lang}`, () => {
		test.use({ locale: lang === 'ar' ? 'ar' : 'fr-FR' });

		for (const state of STATES) {
			test(`${state.name}`, async ({ page, context, baseURL }) => {
				await context.addCookies([{ name: 'lang', value: lang, url: baseURL! }]);
				await page.goto(state.path);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
				await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
				await state.setup?.(page, words(lang));

				const sizes = await textSizes(page);
				expect(sizes.body).toBeGreaterThanOrEqual(20);
				expect(sizes.small).toEqual([]);
				expect(await smallTargets(page)).toEqual([]);
				await auditState(page, state.name, lang);
			});
		}
	});
}

// Both languages on one tablet of its own: one server, one service worker installed, one visit.
portalTest('pages rendered from the device, offline, in each language', async ({ portal }) => {
	portalTest.setTimeout(150_000);
	const { page, context, server } = portal;
	await portal.visitThenGoOffline();
	for (const lang of AUDIT_LANGUAGES) {
		// Chosen once offline: the device alone must know her language.
		await context.addCookies([{ name: 'lang', value: lang, url: server.url }]);
		for (const state of OFFLINE_STATES) {
			await page.goto(state.path);
			await expect(page.getByText(words(lang)('offline.banner'))).toBeVisible();
			await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
			await auditState(page, state.name, lang);
		}
	}
});

test('focus is always visible and thick enough', async ({ page }) => {
	await page.goto('/');
	for (let i = 0; i < 8; i++) {
		await page.keyboard.press('Tab');
		const outline = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement;
			const style = getComputedStyle(el);
			return { width: parseFloat(style.outlineWidth), style: style.outlineStyle, tag: el.tagName };
		});
		expect(outline.style, `${outline.tag} outline`).not.toBe('none');
		expect(outline.width).toBeGreaterThanOrEqual(3);
	}
});
