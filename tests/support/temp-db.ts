import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '$lib/server/db/open';
import { freshSchema, testPostgresUrl, withSchemasLocked } from './postgres-schema';

export const DEMO_CATALOGUE = resolve('commune/catalogue.json');

/**
 * A real database of its own, with a copy of the demo catalogue to edit: an SQLite file in a fresh
 * temporary folder, or with TEST_DATABASE_URL (`npm run test:pg`) a fresh schema in PostgreSQL.
 */
export async function tempDatabase() {
	const dir = mkdtempSync(join(tmpdir(), 'portail-test-'));
	const catalogue = join(dir, 'catalogue.json');
	copyFileSync(DEMO_CATALOGUE, catalogue);
	const schema = testPostgresUrl ? await freshSchema(testPostgresUrl) : undefined;
	const db: Db = testPostgresUrl
		? await openPostgres(testPostgresUrl, schema!.name)
		: await openDatabase(dir);
	return {
		db,
		dir,
		catalogue,
		/** Rewrites the catalogue copy through `change`. */
		editCatalogue(change: (file: CatalogueJson) => void) {
			const file = JSON.parse(readFileSync(catalogue, 'utf8')) as CatalogueJson;
			change(file);
			writeFileSync(catalogue, JSON.stringify(file));
		},
		async close() {
			await db.destroy();
			await schema?.drop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Opened and migrated while no other test file changes a schema (withSchemasLocked says why). */
const openPostgres = (url: string, schema: string): Promise<Db> =>
	withSchemasLocked(url, () => openDatabase({ url, poolSize: 4, schema }));

export interface CatalogueJson {
	themes: { id: string; title: unknown }[];
	services: { id: string; theme: string; title: unknown; summary: unknown }[];
	contacts: Record<string, unknown>;
	forms: {
		id: string;
		registration?: { reopen?: Record<string, string> };
		steps: { fields: Record<string, unknown>[] }[];
	}[];
}
