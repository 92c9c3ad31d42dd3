import { test as setup } from '@playwright/test';
import { ADMIN, AGENT, signedInState, signIn } from './helpers/staff';

// Each account signs in once, through the sign-in page; staff tests then start from this state.
for (const account of [ADMIN, AGENT]) {
	setup(`${account.role} signs in`, async ({ page }) => {
		await signIn(page, account);
		await page.context().storageState({ path: signedInState(account) });
	});
}
