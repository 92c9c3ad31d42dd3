// `npm run backup -- --to portail-2026-12-01.sqlite`: a consistent copy of the embedded database
// in DATA_DIR, taken while the portal runs (SQLite's online backup). With PostgreSQL, use
// pg_dump (see the README).
import { parseArgs } from 'node:util';
import { serverConfig } from '../src/lib/server/config';
import { backupSqlite } from '../src/lib/server/db/backup';

const { values } = parseArgs({ options: { to: { type: 'string' } } });
if (!values.to) {
	console.error('Say where the copy goes: npm run backup -- --to portail-backup.sqlite');
	process.exit(2);
}
if (!('dataDir' in serverConfig.database)) {
	console.error('DATABASE_URL is set: back up PostgreSQL with pg_dump (see the README).');
	process.exit(2);
}
try {
	const pages = await backupSqlite(serverConfig.dataDir, values.to);
	console.info(`Copied ${pages} pages of ${serverConfig.dataDir}/portail.sqlite to ${values.to}.`);
} catch (error) {
	console.error(`No copy made: ${(error as Error).message}`);
	process.exitCode = 1;
}
