import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll } from './helpers/pages';

const root = (page: import('@playwright/test').Page) => page.locator('html');

test('display settings show at once, are kept, and are in the very first paint', async ({
	page
}) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'Affichage' }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Affichage');

	await page.getByRole('radio', { name: 'La plus grande (200 %)' }).check();
	await expect(root(page)).toHaveAttribute('data-text', '200');
	// 200 % of the portal's 20 px.
	expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
		'40px'
	);
	await page.getByRole('radio', { name: 'Fond sombre : texte clair sur fond noir' }).check();
	await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(18, 18, 18)');
	await page.getByRole('radio', { name: 'Plus espacé' }).check();
	await page.getByRole('radio', { name: 'Aucun mouvement' }).check();
	await expect(page.getByRole('main').getByRole('status')).toContainText(
		'enregistré sur cet appareil'
	);

	// The server writes them into the HTML it sends, so the page never flashes the default look.
	const html = await (await page.request.get('/services/portage-repas-domicile')).text();
	expect(html).toMatch(
		/<html[^>]*data-text="200" data-contrast="dark" data-spacing="wide" data-motion="reduce"/
	);

	// A tablet held upright, largest text, widest spacing: nothing runs off the side.
	await page.setViewportSize({ width: 768, height: 1024 });
	for (const path of [
		'/',
		'/services/portage-repas-domicile',
		'/demandes/registre-canicule/etape/1'
	]) {
		await page.goto(path);
		await expect(root(page)).toHaveAttribute('data-spacing', 'wide');
		await expectNoHorizontalScroll(page);
	}

	// Back to the original look in one press.
	await page.goto('/affichage');
	await page.getByRole('button', { name: 'Revenir à l’affichage d’origine' }).click();
	await expect(root(page)).toHaveAttribute('data-text', '100');
	await expect(page.getByRole('radio', { name: 'Normale' })).toBeChecked();
});

test('the device keeps the display settings for offline starts', async ({ page }) => {
	await page.goto('/affichage');
	await page.getByRole('radio', { name: 'Contraste renforcé : noir sur blanc' }).check();
	// Without the cookie (as in the offline shell), the head script applies what the device kept.
	await page.context().clearCookies();
	await page.goto('/');
	await expect(root(page)).toHaveAttribute('data-contrast', 'reinforced');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the settings form still saves the choice', async ({ page }) => {
		await page.goto('/affichage');
		await page.getByRole('radio', { name: 'Grande (125 %)' }).check();
		await page.getByRole('button', { name: 'Enregistrer ces réglages' }).click();
		await expect(page.getByText('Vos réglages sont enregistrés sur cet appareil.')).toBeVisible();
		await expect(root(page)).toHaveAttribute('data-text', '125');
		await expect(page.getByRole('radio', { name: 'Grande (125 %)' })).toBeChecked();
	});
});

/** Headless Chromium has no voices: this stands in for the speech engine and notes what it is given. */
const FAKE_SPEECH = () => {
	const spoken: { text: string; lang: string }[] = [];
	Object.assign(window, { spoken });
	Object.defineProperty(window, 'speechSynthesis', {
		configurable: true,
		value: {
			speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }),
			cancel: () => undefined,
			pause: () => undefined,
			resume: () => undefined,
			getVoices: () => []
		}
	});
};

test('"Écouter" reads the page in its language, with pause and stop', async ({ page, context }) => {
	await context.addInitScript(FAKE_SPEECH);
	await page.goto('/services/portage-repas-domicile');
	await page.getByRole('button', { name: 'Écouter' }).click();
	const spoken = () =>
		page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
	const first = (await spoken())[0];
	expect(first).toEqual({ text: 'Portage de repas à domicile', lang: 'fr' });
	expect((await spoken()).map((s) => s.text)).toContain(
		'Des repas équilibrés livrés chez vous, du lundi au samedi.'
	);

	await page.getByRole('button', { name: 'Pause' }).click();
	await page.getByRole('button', { name: 'Reprendre la lecture' }).click();
	await page.getByRole('button', { name: 'Arrêter' }).click();
	await expect(page.getByRole('button', { name: 'Écouter' })).toBeVisible();
});

test('in Arabic, the interface is read in Arabic and the French catalogue text in French', async ({
	page,
	context,
	baseURL
}) => {
	await context.addInitScript(FAKE_SPEECH);
	await context.addCookies([{ name: 'lang', value: 'ar', url: baseURL! }]);
	await page.goto('/services/portage-repas-domicile');
	await page.getByRole('button', { name: 'استمع' }).click();
	const spoken = await page.evaluate(
		() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken
	);
	// The service's name is translated; its description is not (yet): read with a French voice.
	expect(spoken).toContainEqual({ text: 'توصيل الوجبات إلى المنزل', lang: 'ar' });
	expect(spoken).toContainEqual(
		expect.objectContaining({ text: expect.stringMatching(/^La cuisine centrale/), lang: 'fr' })
	);
	expect(spoken).toContainEqual({ text: 'تقديم طلب عبر الإنترنت', lang: 'ar' });
});

test('no "Écouter" button where the browser cannot speak', async ({ page, context }) => {
	await context.addInitScript(() => {
		delete (window as { speechSynthesis?: unknown }).speechSynthesis;
		delete (Window.prototype as { speechSynthesis?: unknown }).speechSynthesis;
	});
	await page.goto('/services/portage-repas-domicile');
	expect(await page.evaluate(() => 'speechSynthesis' in window)).toBe(false);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Écouter' })).toHaveCount(0);
});

test('in every contrast, an unticked choice’s circle stands out from the page (WCAG 1.4.11)', async ({
	page
}) => {
	await page.goto('/affichage');
	for (const contrast of [
		'Habituelles',
		'Contraste renforcé : noir sur blanc',
		'Fond sombre : texte clair sur fond noir'
	]) {
		await page.getByRole('radio', { name: new RegExp(`^${contrast}`) }).check();
		const unticked = page.getByRole('radio', { name: 'Aucun mouvement' });
		await unticked.scrollIntoViewIfNeeded();
		await expect(unticked).not.toBeChecked();
		// Measured on the pixels drawn, not on CSS: a native control paints its own ring.
		const shot = (await unticked.screenshot()).toString('base64');
		const ratio = await page.evaluate(async (png) => {
			const image = new Image();
			image.src = `data:image/png;base64,${png}`;
			await image.decode();
			const canvas = document.createElement('canvas');
			canvas.width = image.width;
			canvas.height = image.height;
			const context = canvas.getContext('2d')!;
			context.drawImage(image, 0, 0);
			const { data } = context.getImageData(0, 0, image.width, image.height);
			const luminance = (r: number, g: number, b: number) =>
				[r, g, b]
					.map((c) => c / 255)
					.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
					.reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
			const [r, g, b] = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []).map(
				Number
			);
			const page = luminance(r!, g!, b!);
			let best = 1;
			for (let i = 0; i < data.length; i += 4) {
				const pixel = luminance(data[i]!, data[i + 1]!, data[i + 2]!);
				best = Math.max(best, (Math.max(pixel, page) + 0.05) / (Math.min(pixel, page) + 0.05));
			}
			return best;
		}, shot);
		expect(ratio, contrast).toBeGreaterThanOrEqual(3);
	}
});

test('phone numbers are drawn with a plain zero, not the slashed one of the text font', async ({
	page
}) => {
	await page.goto('/services/portage-repas-domicile');
	const number = page.getByRole('link', { name: /Appeler ce service/ }).locator('bdi');
	await expect(number).toContainText('0');
	await page.evaluate(() => document.fonts.ready);
	expect(await page.evaluate(() => document.fonts.check('400 20px "Portal Digits"', '0'))).toBe(
		true
	);
	// The same number drawn three ways: as the page draws it, with the slashed zero of Atkinson
	// Hyperlegible alone, and with the page's stack set again. Only the second may differ.
	const drawn = async (font: string) => {
		await number.evaluate((el, f) => ((el as HTMLElement).style.fontFamily = f), font);
		return number.screenshot();
	};
	const page1 = await drawn('');
	const slashed = await drawn('"Atkinson Hyperlegible Next"');
	const again = await drawn('var(--font)');
	expect(page1.equals(slashed)).toBe(false);
	expect(page1.equals(again)).toBe(true);
});
