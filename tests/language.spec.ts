import { expect, test } from '@playwright/test';
import { words } from './helpers/locale';

test('the language choice changes the page, sets <html lang> and persists', async ({ page }) => {
	await page.goto('/themes/repas');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await page.getByText('Langue :').click();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meals');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	// A service without an English text shows the French one, marked as French for screen readers.
	const untranslated = page.getByRole('link', { name: 'Restaurant des seniors' });
	await expect(untranslated.locator('xpath=..')).toHaveAttribute('lang', 'fr');

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meals');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page).toHaveTitle('Meals – Val-de-Lierre Seniors Portal');

	await page.getByText('Language:').click();
	await page.getByRole('button', { name: 'Français', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Repas');
});

test('a browser asking for English gets English on its first visit', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-GB' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Services for older residents');
	await context.close();
});

test('in Arabic, a translated form is Arabic down to its errors; French left in a page is marked French', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'ar' });
	const page = await context.newPage();
	const t = words('ar');
	await page.goto('/demandes/rappel-conseiller');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('أن يتصل بك مستشار');
	// Nothing of it is in French, so nothing says so.
	await expect(page.getByText(t('app.formFrenchOnly'))).toHaveCount(0);
	await page.goto('/demandes/rappel-conseiller/etape/1');
	const name = page.getByLabel('اسمك الكامل');
	await expect(name).toBeVisible();
	await page.getByRole('button', { name: 'متابعة' }).click();
	const summary = page.getByRole('alert');
	await expect(summary.getByText('اسمك الكامل', { exact: true })).toBeVisible();
	await expect(page.locator('main [lang="fr"]')).toHaveCount(0);
	// A service not yet translated keeps its French, marked so, in its own order but on the
	// page's reading edge: the right one.
	await page.goto('/services/restaurant-seniors');
	await expect(page.getByText(t('app.frenchOnly'))).toBeVisible();
	const title = page.getByRole('heading', { level: 1 });
	await expect(title).toHaveAttribute('lang', 'fr');
	const edges = await title.evaluate((h) => {
		const range = document.createRange();
		range.selectNodeContents(h);
		return { text: range.getBoundingClientRect().right, box: h.getBoundingClientRect().right };
	});
	expect(Math.abs(edges.box - edges.text)).toBeLessThan(2);
	await context.close();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the language menu still changes the language and stays on the page', async ({ page }) => {
		await page.goto('/themes/repas?x=1');
		await page.getByText('Langue :').click();
		await page.getByRole('button', { name: 'العربية' }).click();
		await expect(page).toHaveURL(/\/themes\/repas\?x=1$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
	});
});
