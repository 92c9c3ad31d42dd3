import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlotsAnswer } from '$lib/appointments/types';
import { freshSchema, testPostgresUrl, withSchemasLocked } from './postgres-schema';
import type { CatalogueJson } from './temp-db';

/**
 * Points the server at a fresh data folder, then loads the route modules, so API handlers run
 * against a real SQLite file migrated and seeded exactly as in production.
 */
export async function apiHarness() {
	const dataDir = mkdtempSync(join(tmpdir(), 'portail-api-'));
	const catalogueFile = join(dataDir, 'catalogue.json');
	copyFileSync('commune/catalogue.json', catalogueFile);
	process.env.DATA_DIR = dataDir;
	// Every post is a new tablet here: the hourly rate of their bookings would stop the tests.
	process.env.QUOTA_NEW_DEVICE_BOOKINGS_PER_HOUR ??= '100000';
	process.env.CATALOGUE_FILE = catalogueFile;
	// On PostgreSQL (`npm run test:pg`), a schema of the harness's own, as a folder for SQLite.
	const schema = testPostgresUrl ? await freshSchema(testPostgresUrl) : undefined;
	if (schema) {
		process.env.DATABASE_URL = testPostgresUrl;
		process.env.DATABASE_SCHEMA = schema.name;
	} else delete process.env.DATABASE_URL;
	const { database } = await import('$lib/server/context');
	// Migrated now, while no other test file changes a schema (withSchemasLocked says why).
	if (testPostgresUrl) await withSchemasLocked(testPostgresUrl, database);
	const { importCatalogueFile } = await import('$lib/server/catalogue/import');
	const catalogue = await import('../../src/routes/api/v1/catalogue/+server');
	const search = await import('../../src/routes/api/v1/search/+server');
	const theme = await import('../../src/routes/api/v1/themes/[id]/+server');
	const service = await import('../../src/routes/api/v1/services/[id]/+server');
	const health = await import('../../src/routes/api/health/+server');
	const outbox = await import('../../src/routes/api/v1/outbox/+server');
	const requests = await import('../../src/routes/api/v1/requests/+server');
	const slots = await import('../../src/routes/api/v1/slots/+server');

	const event = (
		path: string,
		headers: Record<string, string> = {},
		params: Record<string, string> = {}
	) =>
		({
			url: new URL(path, 'http://portal.test'),
			request: new Request(`http://portal.test${path}`, { headers }),
			params,
			// A tablet's call: no staff session.
			locals: { staff: null, access: 'public' }
		}) as never;

	/** A `fetch` that answers the catalogue endpoint in-process, for the device's sync engine. */
	const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const path = typeof input === 'string' ? input : input.toString();
		return catalogue.GET(event(path, Object.fromEntries(new Headers(init?.headers).entries())));
	}) as typeof fetch;

	/** Edits the server's catalogue file and imports it, as a commune's IT team would. */
	const editCatalogue = async (change: (file: CatalogueJson) => void) => {
		const file = JSON.parse(readFileSync(catalogueFile, 'utf8')) as CatalogueJson;
		change(file);
		writeFileSync(catalogueFile, JSON.stringify(file));
		return importCatalogueFile(await database(), catalogueFile);
	};

	// Each post comes from its own address unless told: the quota of new devices per address
	// would otherwise be reached by the tests themselves.
	let posts = 0;
	const nextAddress = () => `10.0.${(++posts >> 8) & 255}.${posts & 255}`;

	/** POSTs to the outbox as the device holding `key`, from `address`. */
	const post = (body: unknown, key?: string, address = nextAddress()) =>
		outbox.POST({
			getClientAddress: () => address,
			request: new Request('http://portal.test/api/v1/outbox', {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(key ? { authorization: `Device ${key}` } : {})
				},
				body: typeof body === 'string' ? body : JSON.stringify(body)
			}),
			locals: { staff: null, access: 'public' }
		} as never);
	const ownRecords = async (key: string) =>
		(await requests.GET(event('/api/v1/requests', { authorization: `Device ${key}` }))).json();
	const freeSlots = async (serviceId: string) =>
		(await slots.GET(event(`/api/v1/slots?serviceId=${serviceId}`))).json() as Promise<SlotsAnswer>;

	return {
		catalogue,
		search,
		theme,
		service,
		health,
		outbox,
		requests,
		slots,
		event,
		fetcher,
		post,
		ownRecords,
		freeSlots,
		editCatalogue,
		database,
		dataDir
	};
}
