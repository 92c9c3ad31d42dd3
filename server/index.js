// The portal's server: SvelteKit's adapter-node handler inside a plain Node.js HTTP server, so
// that every answer — the static files and the prerendered offline shell too, which adapter-node
// serves before SvelteKit's hooks run — carries the security headers, and so that no path under
// /api/ answers anything but JSON. Settings are adapter-node's (PORT, HOST, ORIGIN,
// PROTOCOL_HEADER, ADDRESS_HEADER, XFF_DEPTH, BODY_SIZE_LIMIT…); see the README.
import compression from 'compression';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assetVersions, VERSIONED_FILES } from './asset-versions.js';
import { securityHeaders } from './security-headers.js';

// BUILD_DIR: another build of the portal (the tests serve two versions to try updates).
const handlerFile = process.env.BUILD_DIR
	? pathToFileURL(resolve(process.env.BUILD_DIR, 'handler.js'))
	: new URL('../build/handler.js', import.meta.url);
const { handler } = await import(handlerFile.href);
// `/commune/logo.svg?v=<its hash>` names one content for good: browsers keep it a year (see
// server/asset-versions.js). Any other version asked for is served, but not kept.
const versions = assetVersions(new URL('client/', handlerFile).pathname);
const versioned = new Map(
	Object.entries(VERSIONED_FILES).map(([name, file]) => [`/${file}`, versions[name]])
);

// Every text answer leaves compressed, brotli or gzip as the browser accepts (HTML, JSON: the
// catalogue's first answer drops from 140 KB to a fifth). Built scripts and styles are already
// compressed at build time (adapter-node's precompress) and served as such, so they are left alone.
const compress = compression({ threshold: 1024 });

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
const protocolHeader = process.env.PROTOCOL_HEADER?.toLowerCase();
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);

/** @param {import('node:http').IncomingMessage} req */
function isHttps(req) {
	if (process.env.ORIGIN) return process.env.ORIGIN.startsWith('https:');
	if (protocolHeader) return req.headers[protocolHeader] === 'https';
	return false;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} code
 * @param {string} message
 */
function jsonError(res, status, code, message) {
	res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(JSON.stringify({ error: { code, message, fields: [] } }));
}

const server = createServer((req, res) => {
	for (const [name, value] of Object.entries(securityHeaders(isHttps(req)))) {
		res.setHeader(name, value);
	}
	const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
	// SvelteKit would answer `/api/v1/services/` with a 308 to another address: an API client
	// asked for a path that does not exist.
	if (path.startsWith('/api/') && path.endsWith('/')) {
		return jsonError(res, 404, 'not_found', 'No such address in the API.');
	}
	const version = versioned.get(path);
	if (version && new URL(req.url ?? '/', 'http://x').searchParams.get('v') === version) {
		res.setHeader('cache-control', 'public, max-age=31536000, immutable');
	}
	compress(req, res, () => handler(req, res, () => jsonError(res, 404, 'not_found', 'Not found.')));
});

// An idle kept-alive connection is closed by Node after 5 s by default: a client (nginx in front,
// an API client) sending on it at that moment gets "socket hang up" (seen in CI). Kept longer
// than nginx's and browsers' own idle times, so the client is the one to close it.
const keepAliveSeconds = Number(process.env.KEEP_ALIVE_TIMEOUT ?? 75);
server.keepAliveTimeout = keepAliveSeconds * 1000;
server.headersTimeout = (keepAliveSeconds + 5) * 1000;

server.listen(port, host, () => console.info(`Listening on http://${host}:${port}`));

function shutdown() {
	// Answers under way finish; a stuck connection is cut after SHUTDOWN_TIMEOUT seconds.
	server.close(() => process.exit(0));
	server.closeIdleConnections();
	setTimeout(() => server.closeAllConnections(), shutdownSeconds * 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
