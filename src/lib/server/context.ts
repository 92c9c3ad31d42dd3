import { importCatalogueFile } from './catalogue/import';
import { serverConfig } from './config';
import { openDatabase, type Db } from './db/open';

let ready: Promise<Db> | undefined;

/** The process-wide database, migrated and holding the commune's catalogue, opened once. */
export function database(): Promise<Db> {
	ready ??= (async () => {
		const db = await openDatabase(serverConfig.dataDir);
		const report = await importCatalogueFile(db, serverConfig.catalogueFile);
		if (!report.skipped) {
			console.info(
				`catalogue imported: ${report.changed} records changed, ${report.removed} removed`
			);
		}
		return db;
	})();
	return ready;
}
