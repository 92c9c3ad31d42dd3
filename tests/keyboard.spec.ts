import { expect, test, type Locator, type Page } from '@playwright/test';
import { recordJourney } from './helpers/audit';
import type { KEYBOARD_JOURNEYS } from './helpers/audit-matrix';
import { TIME } from './helpers/booking';

/** What the keyboard is on: its position in the page, and whether the focus can be seen. */
async function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return null;
		const style = getComputedStyle(el);
		const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
		const ring = style.boxShadow !== 'none';
		// Each element gets a mark so the next step can ask whether it comes later in the page.
		const mark = String(Date.now() + Math.random());
		el.dataset.kbd = mark;
		return { mark, visible: outline || ring, text: (el.textContent ?? '').trim().slice(0, 40) };
	});
}

/**
 * Presses Tab until `target` has the focus, checking at every step that the focus is visible and
 * moves forward through the page (no positive tabindex, no jump back, no trap).
 */
async function tabTo(page: Page, target: Locator, limit = 60) {
	let previous: string | null = null;
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		const now = await focused(page);
		expect(now, 'focus left the page').not.toBeNull();
		expect(now!.visible, `focus not visible on "${now!.text}"`).toBe(true);
		if (previous) {
			const forward = await page.evaluate(
				([a, b]) => {
					const before = document.querySelector(`[data-kbd="${a}"]`);
					const after = document.querySelector(`[data-kbd="${b}"]`);
					return !before || !after || Boolean(before.compareDocumentPosition(after) & 4);
				},
				[previous, now!.mark]
			);
			expect(forward, `focus went backwards to "${now!.text}"`).toBe(true);
		}
		if (await target.evaluate((el) => el === document.activeElement)) return;
		previous = now!.mark;
	}
	throw new Error(`"${await target.textContent()}" not reached in ${limit} presses of Tab`);
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

function journey(name: (typeof KEYBOARD_JOURNEYS)[number], body: (page: Page) => Promise<void>) {
	test(`keyboard only: ${name}`, async ({ page }) => {
		let passed = false;
		try {
			await body(page);
			passed = true;
		} finally {
			recordJourney(name, passed);
		}
	});
}

journey('Trouver un service', async (page) => {
	await page.goto('/');
	await tabTo(page, page.getByRole('searchbox', { name: 'Rechercher un service' }));
	await page.keyboard.type('repas à domicile');
	await page.keyboard.press('Enter');
	await expect(heading(page)).toContainText('trouvé pour « repas à domicile »');
	await tabTo(page, page.getByRole('link', { name: 'Portage de repas à domicile' }));
	await page.keyboard.press('Enter');
	await expect(heading(page)).toHaveText('Portage de repas à domicile');
	await expect(heading(page)).toBeFocused();
});

journey('Envoyer une demande', async (page) => {
	await page.goto('/services/rappel-conseiller');
	await tabTo(page, page.getByRole('link', { name: 'Faire ma demande en ligne' }));
	await page.keyboard.press('Enter');
	await tabTo(page, page.getByRole('link', { name: 'Commencer la demande' }));
	await page.keyboard.press('Enter');
	await expect(page.getByText('Étape 1 sur 2')).toBeVisible();

	// Sent empty first: the error summary takes the focus, its link leads to the field.
	await tabTo(page, page.getByRole('button', { name: 'Continuer' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('alert')).toBeFocused();
	await tabTo(page, page.getByRole('link', { name: /Votre nom et prénom/ }));
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('Votre nom et prénom')).toBeFocused();
	await page.keyboard.type('Jeanne Martin');
	await tabTo(page, page.getByLabel('Votre numéro de téléphone'));
	await page.keyboard.type('06 12 34 56 78');
	await tabTo(page, page.getByRole('button', { name: 'Continuer' }));
	await page.keyboard.press('Enter');

	await expect(page.getByText('Étape 2 sur 2')).toBeVisible();
	await tabTo(page, page.getByRole('radio').first());
	await page.keyboard.press('Space');
	await expect(page.getByRole('radio').first()).toBeChecked();
	await tabTo(page, page.getByRole('button', { name: 'Continuer' }));
	await page.keyboard.press('Enter');

	await expect(heading(page)).toContainText('Vérifiez vos réponses');
	await tabTo(page, page.getByRole('button', { name: 'Envoyer ma demande' }));
	await page.keyboard.press('Enter');
	await expect(heading(page)).toHaveText('Votre demande est bien arrivée');
});

journey('Prendre un rendez-vous', async (page) => {
	await page.goto('/services/france-services-rdv');
	await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Prendre rendez-vous' }));
	await page.keyboard.press('Enter');
	await expect(heading(page)).toContainText('Quel jour ?');
	await tabTo(page, page.getByRole('link', { name: /horaires? libres?$/ }).first());
	await page.keyboard.press('Enter');
	await expect(heading(page)).toContainText('À quelle heure ?');
	await tabTo(page, page.getByRole('link', { name: TIME }).first());
	await page.keyboard.press('Enter');
	await tabTo(page, page.getByLabel('Votre nom et prénom'));
	await page.keyboard.type('Berthe Lucas');
	await tabTo(page, page.getByLabel('Votre numéro de téléphone'));
	await page.keyboard.type('06 12 34 56 78');
	await tabTo(page, page.getByRole('button', { name: 'Confirmer le rendez-vous' }));
	await page.keyboard.press('Enter');
	await expect(heading(page)).toHaveText('Votre rendez-vous est confirmé');
});
