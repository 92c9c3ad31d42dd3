// The reverse proxy the portal ships (deploy/nginx), run for real in front of two instances.
import pg from 'pg';
import { freePort } from '../../scripts/free-port.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, newSchema, startInstance, type Instance } from './instances';
import { checkShippedSite, startNginx } from './nginx';

describe('deploy/nginx', () => {
	it('is a valid configuration as shipped, TLS included', () => {
		expect(() => checkShippedSite()).not.toThrow();
	});

	describe('in front of two instances', () => {
		const schema = newSchema();
		let instances: Instance[];
		let proxy: Awaited<ReturnType<typeof startNginx>>;
		let base: string;

		beforeAll(async () => {
			// As in service: the public address (nginx's, known once it listens), and the client's
			// address from nginx's header.
			const port = await freePort();
			base = `http://127.0.0.1:${port}`;
			instances = await Promise.all(
				[1, 2].map(() =>
					startInstance(schema, { ORIGIN: base, ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' })
				)
			);
			proxy = await startNginx(
				instances.map((i) => Number(new URL(i.base).port)),
				port
			);
		});

		afterAll(async () => {
			await proxy?.stop();
			await Promise.all((instances ?? []).map((i) => i.stop()));
		});

		it('keeps built files a year, and lets no cache keep the API or the staff pages', async () => {
			const page = await (await fetch(`${base}/`)).text();
			const asset = page.match(/\/_app\/immutable\/[^"']+\.js/)![0];
			const built = await fetch(base + asset);
			expect(built.status).toBe(200);
			expect(built.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
			const mine = await fetch(`${base}/api/v1/my-data`);
			expect(mine.headers.get('cache-control')).toContain('no-store');
			const staff = await fetch(`${base}/pro/connexion`);
			expect(staff.headers.get('cache-control')).toContain('no-store');
			// The catalogue keeps its own rule: revalidated with its ETag, not refetched whole.
			const catalogue = await fetch(`${base}/api/v1/catalogue`);
			expect(catalogue.headers.get('cache-control')).not.toContain('no-store');
			expect(catalogue.headers.get('etag')).toBeTruthy();
		});

		it('passes every kind of page on, whatever the length of its headers (Link names its files)', async () => {
			const pages = [
				'/',
				'/themes/maintien-domicile',
				'/services/teleassistance-domicile',
				'/recherche?q=repas',
				'/demandes/rappel-conseiller',
				'/demandes/registre-canicule/etape/1',
				'/rendez-vous/rendez-vous-conseillere-sociale',
				'/mes-demandes',
				'/mes-rendez-vous',
				'/mes-informations',
				'/affichage',
				'/accessibilite',
				'/pro/connexion'
			];
			for (const path of pages) {
				const answer = await fetch(base + path);
				const headerBytes = [...answer.headers].reduce(
					(n, [k, v]) => n + k.length + v.length + 4,
					0
				);
				expect(`${path}: ${answer.status}`, `${headerBytes} bytes of headers`).toBe(`${path}: 200`);
			}
		});

		it('never keeps a missing built file a year, and names no version', async () => {
			const missing = await fetch(`${base}/_app/immutable/chunks/gone-0000.js`);
			expect(missing.status).toBe(404);
			expect(missing.headers.get('cache-control')).toBe('no-store');
			expect(missing.headers.get('server')).toBe('nginx');
		});

		it('answers 429 to one address past its burst on signed links, before any instance', async () => {
			const statuses = await Promise.all(
				Array.from({ length: 40 }, () =>
					fetch(`${base}/r/lien-invente`, { redirect: 'manual' }).then((r) => r.status)
				)
			);
			expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
			expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
			// Its access log never holds a signed link's token.
			const log = proxy.accessLog();
			expect(log).toContain('GET /r/[redacted] HTTP/1.1');
			expect(log).not.toContain('lien-invente');
		});

		it('counts sign-in tries against the client’s address, not nginx’s nor a forged one', async () => {
			const tries = await fetch(`${base}/pro/connexion`, {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					origin: base,
					// Written by the client itself: nginx replaces it.
					'x-forwarded-for': '203.0.113.9'
				},
				body: new URLSearchParams({ email: 'personne@example.fr', password: 'pas le bon' })
			});
			expect(tries.status).toBeLessThan(500);
			const db = new pg.Client({
				connectionString: DATABASE_URL,
				options: `-c search_path=${schema}`
			});
			await db.connect();
			const { rows } = await db.query('select key from sign_in_tries');
			await db.end();
			const keys = rows.map((r) => r.key as string).join('\n');
			expect(keys).toContain('127.0.0.1');
			expect(keys).not.toContain('127.0.0.2');
			expect(keys).not.toContain('203.0.113.9');
		});
	});
});
