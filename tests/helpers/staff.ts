import {
	expect,
	request,
	type APIRequestContext,
	type Browser,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DATA_DIR, PORT } from '../../playwright.config';

export interface StaffAccount {
	email: string;
	name: string;
	role: 'agent' | 'admin';
	password: string;
}

export const ADMIN: StaffAccount = {
	email: 'claire.martin@mairie.test',
	name: 'Claire Martin',
	role: 'admin',
	password: 'Le jardin de la mairie 2026'
};
export const AGENT: StaffAccount = {
	email: 'paul.agent@mairie.test',
	name: 'Paul Lefèvre',
	role: 'agent',
	password: 'Une tasse de thé au CCAS'
};

/**
 * Where the setup project (tests/staff.setup.ts) leaves each account's signed-in browser state, so
 * staff tests on the shared server start signed in instead of going through the page each time.
 */
export const signedInState = (account: StaffAccount) =>
	join(DATA_DIR, `signed-in-${account.role}.json`);

/** A browser page of the shared server, signed in as `account`, on the requests received. */
export async function staffPage(
	browser: Browser,
	account: StaffAccount,
	options: BrowserContextOptions = {}
): Promise<Page> {
	const context = await browser.newContext({
		locale: 'fr-FR',
		baseURL: BASE_URL,
		storageState: signedInState(account),
		...options
	});
	const page = await context.newPage();
	await page.goto('/pro');
	await expect(page.getByRole('heading', { level: 1, name: 'Demandes reçues' })).toBeVisible();
	return page;
}

/**
 * Makes accounts in one process (a start of tsx costs seconds on a busy machine), through the same
 * function as `npm run create-admin`; `createAccount` below goes through the command itself.
 */
export function createAccounts(accounts: StaffAccount[], dataDir = DATA_DIR) {
	const result = spawnSync(
		process.execPath,
		['node_modules/tsx/dist/cli.mjs', 'tests/helpers/make-accounts.ts'],
		{
			env: { ...process.env, DATA_DIR: dataDir, ACCOUNTS: JSON.stringify(accounts) },
			encoding: 'utf8'
		}
	);
	if (result.status !== 0) throw new Error(`make-accounts failed: ${result.stderr}`);
}

/** Creates an account with the command the README documents, in the test server's database. */
export function createAccount(account: StaffAccount, dataDir = DATA_DIR) {
	const result = spawnSync(
		process.execPath,
		[
			'node_modules/tsx/dist/cli.mjs',
			'scripts/create-admin.ts',
			'--email',
			account.email,
			'--name',
			account.name,
			'--role',
			account.role
		],
		{
			env: { ...process.env, DATA_DIR: dataDir, STAFF_PASSWORD: account.password },
			encoding: 'utf8'
		}
	);
	if (result.status !== 0 && !result.stderr.includes('already exists')) {
		throw new Error(`create-admin failed: ${result.stderr}`);
	}
}

export const BASE_URL = `http://localhost:${PORT}`;

/** Signs in through the sign-in page, as an agent would. */
export async function signIn(page: Page, account: StaffAccount) {
	await page.goto('/pro/connexion');
	await page.getByLabel('Adresse e-mail professionnelle').fill(account.email);
	await page.getByLabel('Mot de passe').fill(account.password);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Demandes reçues' })).toBeVisible();
}

/**
 * An HTTP client holding a staff session cookie, for API-level checks. `deviceKey`: the device it
 * sends from (the agent's computer, or the senior's tablet); `assisted`: signed in with "Je suis
 * un professionnel" on her tablet.
 */
export async function staffClient(
	account: StaffAccount,
	baseURL = BASE_URL,
	{ deviceKey, assisted = false }: { deviceKey?: string; assisted?: boolean } = {}
): Promise<APIRequestContext> {
	const client = await request.newContext({
		baseURL, // As a browser's form post: SvelteKit answers other callers' posts in JSON.
		extraHTTPHeaders: {
			origin: baseURL,
			accept: 'text/html',
			...(deviceKey ? { authorization: `Device ${deviceKey}` } : {})
		}
	});
	const response = await client.post(assisted ? '/pro/connexion?aide' : '/pro/connexion', {
		form: { email: account.email, password: account.password },
		maxRedirects: 0
	});
	expect(response.status(), `sign-in of ${account.email}`).toBe(303);
	return client;
}

/** The agent's menu in the staff header, named by the agent: opened, to reach signing out. */
export async function openAccountMenu(page: Page, name: string) {
	const menu = page.getByRole('banner').locator('details', { hasText: name });
	if (!(await menu.evaluate((d: HTMLDetailsElement) => d.open))) {
		await menu.locator('summary').click();
	}
	return menu;
}
