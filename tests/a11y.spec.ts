import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers/axe';
import { expectNoHorizontalScroll, setTextSize } from './helpers/pages';
import { test as portalTest } from './helpers/portal';

/** Every page and state of the portal so far. */
const PAGES = [
	['home', '/'],
	['theme', '/themes/maintien-domicile'],
	['service', '/services/teleassistance-domicile'],
	['search with results', '/recherche?q=repas'],
	['search without results', '/recherche?q=xylophone'],
	['search, empty', '/recherche'],
	['request start', '/demandes/registre-canicule'],
	['request step with radios', '/demandes/registre-canicule/etape/3'],
	['request step with a date', '/demandes/portage-repas/etape/3'],
	['my requests', '/mes-demandes'],
	['my details', '/mes-informations'],
	['booking: type', '/rendez-vous/rendez-vous-conseillere-sociale'],
	['booking: day', '/rendez-vous/aide-numerique-individuelle'],
	['my appointments', '/mes-rendez-vous'],
	['unknown theme', '/themes/nexiste-pas'],
	['unknown address', '/nulle/part']
] as const;

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

for (const [name, path] of PAGES) {
	test(`${name}: no axe violation, large text and targets, no horizontal scroll`, async ({
		page
	}) => {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoAxeViolations(page, name);
		const sizes = await textSizes(page);
		expect(sizes.body).toBeGreaterThanOrEqual(20);
		expect(sizes.small).toEqual([]);
		expect(await smallTargets(page)).toEqual([]);
		await expectNoHorizontalScroll(page);

		// A phone held upright at 320 px, then a tablet at 200 % text.
		await page.setViewportSize({ width: 320, height: 640 });
		await expectNoHorizontalScroll(page);
		await page.setViewportSize({ width: 768, height: 1024 });
		await setTextSize(page, 200);
		await expectNoHorizontalScroll(page);
		await expectNoAxeViolations(page, `${name} at 200 %`);
	});
}

portalTest(
	'offline state: the banner and the pages rendered from the device pass axe',
	async ({ portal }) => {
		const { page } = portal;
		await portal.visitThenGoOffline();
		for (const path of ['/', '/services/portage-repas-domicile', '/recherche?q=bus']) {
			await page.goto(path);
			await expect(page.getByText('Vous n’êtes pas connecté à Internet.')).toBeVisible();
			await expectNoAxeViolations(page, `offline ${path}`);
			await expectNoHorizontalScroll(page);
		}
	}
);

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
