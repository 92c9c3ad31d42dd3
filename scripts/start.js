// `npm start`: builds the portal when its sources or the commune's files changed since the last
// build, then serves it with the embedded database (migrated and seeded on first start).
import { spawn } from 'node:child_process';
import { buildIfChanged } from './build-if-changed.js';

buildIfChanged();

const env = {
	...process.env,
	PORT: process.env.PORT ?? '3000',
	DATA_DIR: process.env.DATA_DIR ?? './data'
};
// Without ORIGIN, adapter-node assumes https, so every form posted over plain http (the demo, a
// test server) would be refused as cross-site. Behind a proxy, set ORIGIN to the public address.
if (!env.ORIGIN && !env.PROTOCOL_HEADER) env.ORIGIN = `http://localhost:${env.PORT}`;
console.info(`Portail Seniors on http://localhost:${env.PORT} (data in ${env.DATA_DIR})`);
// server/index.js wraps adapter-node's handler: the same settings, and the security headers on
// the static files and the offline shell too.
const server = spawn(process.execPath, ['server/index.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
