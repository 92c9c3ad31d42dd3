// The reverse proxy the portal ships (deploy/nginx), run for real in front of two instances.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from '../../scripts/free-port.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, newSchema, startInstance, type Instance } from './instances';

const NGINX = '/usr/sbin/nginx';
const DEPLOY = resolve('deploy/nginx');
const shipped = (file: string) => readFileSync(join(DEPLOY, file), 'utf8');
const prefix = mkdtempSync(join(tmpdir(), 'portail-nginx-'));
const asRoot = process.getuid?.() === 0;

/** A main nginx.conf around `http`, everything it writes kept in the temporary folder. */
function mainConfig(http: string) {
	for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
		mkdirSync(join(prefix, dir), { recursive: true });
	return `${asRoot ? 'user root;' : ''}
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log;
events {}
http {
	access_log off;
	client_body_temp_path ${prefix}/body;
	proxy_temp_path ${prefix}/proxy;
	fastcgi_temp_path ${prefix}/fastcgi;
	uwsgi_temp_path ${prefix}/uwsgi;
	scgi_temp_path ${prefix}/scgi;
	${http}
}`;
}

/** The shipped file with its snippets read from the repository. */
const withSnippets = (text: string) => text.replaceAll('/etc/nginx/snippets/', `${DEPLOY}/`);

describe('deploy/nginx', () => {
	it('is a valid configuration as shipped, TLS included', () => {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'1',
				'-subj',
				'/CN=portail.test',
				'-keyout',
				join(prefix, 'key.pem'),
				'-out',
				join(prefix, 'cert.pem')
			],
			{ stdio: 'ignore' }
		);
		const site = withSnippets(shipped('portail-seniors.conf'))
			.replace(/ssl_certificate \S+;/, `ssl_certificate ${prefix}/cert.pem;`)
			.replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${prefix}/key.pem;`);
		writeFileSync(join(prefix, 'check.conf'), mainConfig(site));
		const said = execFileSync(NGINX, ['-t', '-p', prefix, '-c', join(prefix, 'check.conf')], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe']
		});
		expect(said).toBe('');
	});

	describe('in front of two instances', () => {
		const schema = newSchema();
		let instances: Instance[];
		let proxy: ChildProcess;
		let base: string;

		beforeAll(async () => {
			const port = await freePort();
			base = `http://127.0.0.1:${port}`;
			// As in service: the public address, and the client's address from nginx's header.
			instances = await Promise.all(
				[1, 2].map(() =>
					startInstance(schema, { ORIGIN: base, ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' })
				)
			);
			const ports = instances.map((i) => new URL(i.base).port);
			// The shipped upstream with these instances' ports; nginx reaches them from 127.0.0.2, so
			// that its own address and the client's (127.0.0.1) differ.
			const upstream = shipped('portail-seniors.conf')
				.match(/upstream portail_seniors \{[^}]*\}/)![0]
				.replace('127.0.0.1:3001', `127.0.0.1:${ports[0]}`)
				.replace('127.0.0.1:3002', `127.0.0.1:${ports[1]}`);
			writeFileSync(
				join(prefix, 'serve.conf'),
				mainConfig(`include ${DEPLOY}/portail-seniors-http.conf;
	${upstream}
	server {
		listen 127.0.0.1:${port};
		proxy_bind 127.0.0.2;
		include ${DEPLOY}/portail-seniors-locations.conf;
	}`)
			);
			proxy = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'serve.conf'), '-g', 'daemon off;'], {
				stdio: 'ignore'
			});
			for (let i = 0; i < 100; i++) {
				try {
					if ((await fetch(`${base}/api/health`)).ok) return;
				} catch {
					// not listening yet
				}
				await new Promise((r) => setTimeout(r, 100));
			}
			throw new Error(readFileSync(join(prefix, 'error.log'), 'utf8'));
		});

		afterAll(async () => {
			proxy?.kill('SIGQUIT');
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
