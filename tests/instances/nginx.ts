// The nginx files the portal ships (deploy/nginx), run from a temporary folder: as shipped for a
// syntax check, or their proxy rules in front of running instances.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../scripts/free-port.js';

const NGINX = '/usr/sbin/nginx';
const DEPLOY = resolve('deploy/nginx');
const shipped = (file: string) => readFileSync(join(DEPLOY, file), 'utf8');

/** A main nginx.conf around `http`, everything nginx writes kept in `prefix`. */
function mainConfig(prefix: string, http: string) {
	for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
		mkdirSync(join(prefix, dir), { recursive: true });
	return `${process.getuid?.() === 0 ? 'user root;' : ''}
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

/** `nginx -t` on the shipped site, its snippets and a throw-away certificate: throws if invalid. */
export function checkShippedSite() {
	const prefix = mkdtempSync(join(tmpdir(), 'portail-nginx-'));
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
			'/CN=portail.test'
		].concat(['-keyout', join(prefix, 'key.pem'), '-out', join(prefix, 'cert.pem')]),
		{ stdio: 'ignore' }
	);
	const site = shipped('portail-seniors.conf')
		.replaceAll('/etc/nginx/snippets/', `${DEPLOY}/`)
		.replace(/ssl_certificate \S+;/, `ssl_certificate ${prefix}/cert.pem;`)
		.replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${prefix}/key.pem;`);
	writeFileSync(join(prefix, 'check.conf'), mainConfig(prefix, site));
	execFileSync(NGINX, ['-t', '-p', prefix, '-c', join(prefix, 'check.conf')], { stdio: 'pipe' });
}

/**
 * The shipped proxy rules and upstream in front of instances on `ports`, on a free port of its
 * own. nginx reaches the instances from 127.0.0.2, so that its address and the client's
 * (127.0.0.1) differ. Resolves once it answers.
 */
export async function startNginx(ports: number[], port?: number) {
	const prefix = mkdtempSync(join(tmpdir(), 'portail-nginx-'));
	const listen = port ?? (await freePort());
	const base = `http://127.0.0.1:${listen}`;
	const upstream = shipped('portail-seniors.conf')
		.match(/upstream portail_seniors \{[^}]*\}/)![0]
		.replace(/\n\tserver 127\.0\.0\.1:3001[^\n]*\n\tserver 127\.0\.0\.1:3002([^\n]*)/, (_, rest) =>
			ports.map((p) => `\n\tserver 127.0.0.1:${p}${rest}`).join('')
		);
	writeFileSync(
		join(prefix, 'serve.conf'),
		mainConfig(
			prefix,
			`include ${DEPLOY}/portail-seniors-http.conf;
	${upstream}
	server {
		listen 127.0.0.1:${listen};
		proxy_bind 127.0.0.2;
		access_log ${prefix}/access.log portail;
		include ${DEPLOY}/portail-seniors-locations.conf;
	}`
		)
	);
	const proxy = spawn(
		NGINX,
		['-p', prefix, '-c', join(prefix, 'serve.conf'), '-g', 'daemon off;'],
		{
			stdio: 'ignore'
		}
	);
	const exited = new Promise((r) => proxy.once('exit', r));
	const stop = async () => {
		if (proxy.exitCode === null) proxy.kill('SIGQUIT');
		await exited;
	};
	for (let i = 0; i < 100 && proxy.exitCode === null; i++) {
		try {
			await fetch(`${base}/api/health`);
			return { base, stop, accessLog: () => readFileSync(join(prefix, 'access.log'), 'utf8') };
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	await stop();
	throw new Error(readFileSync(join(prefix, 'error.log'), 'utf8'));
}
