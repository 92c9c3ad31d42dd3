import { hasCatalogue, importCatalogueFile } from './catalogue/import';
import { serverConfig } from './config';
import { openDatabase, type Db } from './db/open';

let ready: Promise<Db> | undefined;

/**
 * The process-wide database, migrated, opened once. The commune's catalogue file seeds it at the
 * first start only: afterwards the staff area edits what devices receive (opening hours,
 * closures), and a new file is brought in deliberately with `npm run import-catalogue`.
 */
export function database(): Promise<Db> {
	ready ??= (async () => {
		const db = await openDatabase(serverConfig.database);
		if (!(await hasCatalogue(db))) {
			const report = await importCatalogueFile(db, serverConfig.catalogueFile);
			console.info(
				`catalogue imported: ${report.changed} records, from ${serverConfig.catalogueFile}`
			);
		}
		return db;
	})();
	// A database out of reach at start (PostgreSQL restarting) is tried again by the next request,
	// rather than this process answering errors until it is restarted.
	ready.catch(() => (ready = undefined));
	return ready;
}
