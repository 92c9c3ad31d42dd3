// `npm run import-catalogue [-- --file path/to/catalogue.json]`
// Replaces the portal's catalogue (themes, services, forms, appointment types and opening hours)
// with the commune's file. The file seeds the database at first start; after that the staff area
// edits opening hours, so a later import is a deliberate act: it overwrites those edits.
import { parseArgs } from 'node:util';
import { importCatalogueFile } from '../src/lib/server/catalogue/import';
import { serverConfig } from '../src/lib/server/config';
import { describeTarget, openDatabase } from '../src/lib/server/db/open';

const { values } = parseArgs({ options: { file: { type: 'string' } } });
const file = values.file ?? serverConfig.catalogueFile;
const db = await openDatabase(serverConfig.database);
try {
	const report = await importCatalogueFile(db, file, { force: true });
	console.info(
		`${file} imported into ${describeTarget(serverConfig.database)}: ${report.changed} records changed, ${report.removed} removed. Devices receive the changes at their next sync.`
	);
} catch (error) {
	console.error(`Nothing was imported: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
