// A senior and an agent through the shipped nginx, to two instances on one PostgreSQL database:
// she sends her request while only the first instance runs, he reads it while only the second does.
import { expect, test } from '@playwright/test';
import { freePort } from '../../scripts/free-port.js';
import { fillCallback } from '../helpers/forms';
import { AGENT, createAccounts, signIn } from '../helpers/staff';
import { newSchema, startInstance, type Instance } from './instances';
import { startNginx } from './nginx';

const schema = newSchema();
let proxy: Awaited<ReturnType<typeof startNginx>>;
let base: string;
let ports: number[];
const running: Instance[] = [];

/** An instance as in service behind nginx, on a port nginx knows. */
async function instance(port: number) {
	const one = await startInstance(
		schema,
		{ ORIGIN: base, ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' },
		port
	);
	running.push(one);
	return one;
}

test.beforeAll(async () => {
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	ports = [await freePort(), await freePort()];
	await Promise.all(ports.map((p) => instance(p)));
	proxy = await startNginx(ports, port);
	// The accounts are made in the instances' database.
	process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
	process.env.DATABASE_SCHEMA = schema;
	createAccounts([AGENT]);
});

test.afterAll(async () => {
	await proxy?.stop();
	await Promise.all(running.map((i) => i.stop()));
});

test('a request sent through one instance is read by the agent through the other', async ({
	browser
}) => {
	const [first, second] = running;
	await second!.stop();
	const senior = await (await browser.newContext({ baseURL: base })).newPage();
	await fillCallback(senior, { name: 'Marcelle Dubois', open: true });
	await senior.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await expect(senior.getByRole('heading', { level: 1 })).toHaveText(
		'Votre demande est bien arrivée'
	);
	const reference = (await senior.locator('.reference').textContent())?.trim() ?? '';
	expect(reference).toMatch(/^D-/);

	// The first instance goes down, the second comes back on its port: nginx sends everyone there.
	await instance(ports[1]!);
	await first!.stop();
	// nginx tries an instance it saw fail again after fail_timeout (10 s): until then it has no
	// live instance, as an operator restarting both at once would see. Wait for it, as he would.
	while ((await fetch(`${base}/api/health`).catch(() => undefined))?.status !== 200) {
		await new Promise((r) => setTimeout(r, 250));
	}
	const agent = await (await browser.newContext({ baseURL: base })).newPage();
	await signIn(agent, AGENT);
	await agent.getByLabel('Nom de la personne').fill('marcelle');
	await agent.getByRole('button', { name: 'Filtrer' }).click();
	const row = agent.getByRole('row', { name: new RegExp(reference) });
	await expect(row).toContainText('Marcelle Dubois');
	await row.getByRole('link', { name: reference }).click();
	await expect(agent.getByRole('heading', { level: 1 })).toHaveText(`Demande ${reference}`);
});
