// `DATABASE_URL=postgres://… npm run migrate-to-postgres -- --from DATA_DIR [--schema name]`
// The target comes from the environment, never from the command line: a password in the
// arguments would be readable by every user of the machine (ps) and kept in shell histories.
// Moves a commune's portal from the embedded SQLite to an empty PostgreSQL database: catalogue and
// its versions, forms, requests, appointments, the mutations ledger, staff accounts and sessions,
// the journal. Stop the portal first (what it writes meanwhile would not be copied); start it again
// with DATABASE_URL set.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { copyDatabase } from '../src/lib/server/db/copy';
import { describeTarget, openDatabase, type Db } from '../src/lib/server/db/open';

const { values } = parseArgs({
	options: { from: { type: 'string' }, schema: { type: 'string' } }
});
const url = process.env.DATABASE_URL;
if (!values.from || !url) {
	console.error(
		'usage: DATABASE_URL=postgres://user:password@host/db npm run migrate-to-postgres -- --from ./data'
	);
	process.exit(2);
}
if (!existsSync(join(values.from, 'portail.sqlite'))) {
	console.error(`No portal database in ${values.from} (portail.sqlite).`);
	process.exit(1);
}
const target = { url, poolSize: 2, schema: values.schema };
let source: Db | undefined;
let copy: Db | undefined;
try {
	source = await openDatabase({ dataDir: values.from });
	copy = await openDatabase(target);
	const report = await copyDatabase(source, copy);
	for (const { table, rows } of report) console.info(`${table.padEnd(20)} ${rows}`);
	console.info(
		`Copied into ${describeTarget(target)}: every table holds as many rows as the source. Start the portal with DATABASE_URL set.`
	);
} catch (error) {
	console.error(`Nothing was copied: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await source?.destroy();
	await copy?.destroy();
}
