// A commune moving its portal from the embedded SQLite to PostgreSQL with the documented command.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
	callbackRequest,
	DATABASE_URL,
	deviceKey,
	newSchema,
	send,
	startInstance
} from './instances';

const migrate = (dataDir: string, schema: string) =>
	execFileSync(
		'npx',
		['tsx', 'scripts/migrate-to-postgres.ts', '--from', dataDir, '--schema', schema],
		// The target from the environment: no password on the command line.
		{ encoding: 'utf8', stdio: 'pipe', env: { ...process.env, DATABASE_URL } }
	);

it('moves a running commune to PostgreSQL: her requests are there, sent again they are duplicates', async () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'portail-move-'));
	// The commune's portal on SQLite, used by a tablet.
	const before = await startInstance('unused', { DATABASE_URL: '', DATA_DIR: dataDir });
	const key = deviceKey();
	const sent = Array.from({ length: 5 }, (_, i) => callbackRequest(`Personne ${i}`));
	const first = await send(before, key, sent);
	expect(first.map((r) => r.status)).toEqual(Array(5).fill('applied'));
	const own = async (base: string) =>
		(await (
			await fetch(`${base}/api/v1/requests`, { headers: { authorization: `Device ${key}` } })
		).json()) as {
			requests: { reference: string }[];
		};
	const references = (await own(before.base)).requests.map((r) => r.reference).sort();
	await before.stop();

	const schema = newSchema();
	const said = migrate(dataDir, schema);
	expect(said).toMatch(/requests\s+5/);
	// Started on the copy: her tablet sees the same requests, and one it sends again (its answer
	// lost just before the move) is recognised.
	const after = await startInstance(schema);
	expect((await own(after.base)).requests.map((r) => r.reference).sort()).toEqual(references);
	expect((await send(after, key, [sent[0]!]))[0]!.status).toBe('duplicate');
	await after.stop();

	// A second move into the same database is refused, and says why.
	let refusal = '';
	try {
		migrate(dataDir, schema);
	} catch (error) {
		refusal = String((error as { stderr?: string }).stderr);
	}
	expect(refusal).toContain('not empty');
});
