import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { waitUntilReadyOffline } from './pages';
import { ownServer, type RunningServer } from './server';

export interface OwnPortal {
	server: RunningServer;
	context: BrowserContext;
	page: Page;
	/** One online visit (service worker in charge, catalogue on the device), then the network goes. */
	visitThenGoOffline(): Promise<void>;
}

/** Tests that need a server of their own, which they can stop to cut the network for real. */
export const test = base.extend<{ portal: OwnPortal }>({
	portal: async ({ browser }, use) => {
		const server = await ownServer();
		// Its service worker is the subject (wherever a suite blocks it for its own pages).
		const context = await browser.newContext({
			baseURL: server.url,
			locale: 'fr-FR',
			serviceWorkers: 'allow'
		});
		const page = await context.newPage();
		await use({
			server,
			context,
			page,
			async visitThenGoOffline() {
				await page.goto('/');
				await waitUntilReadyOffline(page);
				await server.stop();
				await context.setOffline(true);
			}
		});
		await context.close();
		await server.stop();
	}
});

export { expect } from '@playwright/test';
