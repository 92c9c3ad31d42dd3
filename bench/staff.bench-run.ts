import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { importCatalogueFile } from '$lib/server/catalogue/import';
import { applyMutation } from '$lib/server/outbox/apply';
import { purgeExpired } from '$lib/server/privacy/retention';
import { createStaffUser } from '$lib/server/staff/accounts';
import { listInbox, parseFilters } from '$lib/server/staff/inbox';
import { hashPassword, verifyPassword } from '$lib/server/staff/password';
import { resolveSession, startSession } from '$lib/server/staff/sessions';
import { tempDatabase } from '$lib/server/testing/temp-db';

// Figures for the staff side, on a real SQLite file: what a password check costs (the price of
// slowing guessing), what the session lookup adds to every staff request, and how the inbox's
// filters and name search hold with 10,000 requests.
const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
async function timed(runs: number, task: (i: number) => Promise<unknown>) {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = process.hrtime.bigint();
		await task(i);
		times.push(ms(start));
	}
	times.sort((a, b) => a - b);
	return { median: times[Math.floor(runs / 2)]!, p95: times[Math.floor(runs * 0.95)]! };
}
const show = (label: string, r: { median: number; p95: number }) =>
	console.log(`${label}: median ${r.median.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms`);

it('prints the staff figures', async () => {
	const hash = await hashPassword('Une phrase de passe longue');
	show('password check (scrypt N=2^15 r=8 p=3)', await timed(10, () => verifyPassword('x', hash)));

	const user = await createStaffUser(db, {
		email: 'bench@mairie.test',
		displayName: 'Bench',
		role: 'agent',
		password: 'Une phrase de passe longue'
	});
	if (!('id' in user)) throw new Error('no account');
	const { token } = await startSession(db, user.id);
	show('session lookup per staff request', await timed(500, () => resolveSession(db, token)));

	const names = ['Hélène Dupré', 'Jean Martin', 'Odette Lefèvre', 'Marcel Roux', 'Simone Aubert'];
	const started = process.hrtime.bigint();
	for (let i = 0; i < 10_000; i++) {
		await applyMutation(
			db,
			`device-${i % 2000}`.padEnd(64, '0'),
			{
				id: randomUUID(),
				type: 'request.submit',
				createdAt: new Date().toISOString(),
				payload: {
					formId: 'rappel-conseiller',
					formVersion: 1,
					answers: {
						nom: `${names[i % names.length]} ${i}`,
						telephone: '06 12 34 56 78',
						moment: 'matin',
						question: ''
					}
				}
			},
			new Date()
		);
	}
	console.log(`10,000 requests stored in ${(ms(started) / 1000).toFixed(1)} s`);
	const query = (q: string) => () => listInbox(db, parseFilters(new URLSearchParams(q)).filters);
	show('inbox, newest 100 of 10,000', await timed(50, query('')));
	show('inbox, status "received"', await timed(50, query('etat=received')));
	show('inbox, name search "helene dupre"', await timed(50, query('nom=helene dupre')));
	const found = await query('nom=helene dupre')();
	expect(found.total).toBe(2000);
	const purge = process.hrtime.bigint();
	await purgeExpired(db);
	console.log(`retention purge over 10,000 open requests: ${ms(purge).toFixed(1)} ms`);
});
