// Her papers on their way to the town hall (`npm run bench`), with the tablet's own client
// (tus-js-client, 256 KiB a request, as src/lib/documents/page-sending.ts sends):
// - a 10 MB document over a slow 3G line that drops three times: it completes, and the bytes that
//   went up the line stay within 1.3× the document (each drop costs at most the part under way);
// - 20 tablets sending 10 MB each at the same moment (ten 1 MB photos, one after the other, as
//   the outbox does): the server's memory grows by at most 50 MB (pages are written and checked a
//   chunk at a time, one check at a time; read back from PostgreSQL by a binary COPY, never as
//   hex text). On SQLite, then on PostgreSQL.
// The growth is measured on a server in service: one that has answered ordinary traffic (page
// views, outbox batches) before the tablets send. A server's first traffic of any kind makes
// V8's young generation and glibc's heap resident — ten seconds of page views and batches alone
// take a fresh server from about 110 to 245 MB — and that one-time growth is not the pages'. The
// growth from a fresh start is printed beside it, for reference.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { Upload } from 'tus-js-client';
import { postgresCluster } from '../scripts/postgres-cluster.js';
import { loadGet, loadOutbox, startServer, stop } from './servers.js';
import { SLOW_3G, slowLink } from './slow-link.js';

const CHUNK = 256 * 1024;
const TABLETS = 20;
const PAGES_EACH = 10;

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const deviceKey = () => randomBytes(32).toString('base64url');

/** Sends one page from `key` until the town hall holds it whole; a dropped line is tried again. */
async function sendUntilDone(base, key, id, bytes, type) {
	for (let attempt = 0; attempt < 50; attempt++) {
		const done = await new Promise((resolve) => {
			const upload = new Upload(bytes, {
				endpoint: `${base}/api/v1/pages`,
				uploadUrl: `${base}/api/v1/pages/${id}`,
				chunkSize: CHUNK,
				retryDelays: [],
				storeFingerprintForResuming: false,
				headers: { authorization: `Device ${key}` },
				metadata: { id, type, sha256: sha256(bytes) },
				onSuccess: () => resolve(true),
				onError: () => resolve(false)
			});
			upload.start();
		});
		if (done) return attempt;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`page ${id} never arrived`);
}

/** A PDF of a little under 10 MB (the largest page the portal takes): one scan of fine grain. */
async function tenMegabytePdf() {
	const limit = 10 * 1024 * 1024;
	for (let quality = 98; quality > 50; quality -= 3) {
		const scan = await sharp({
			create: {
				width: 3400,
				height: 4800,
				channels: 3,
				background: '#f2efe6',
				noise: { type: 'gaussian', mean: 200, sigma: 30 }
			}
		})
			.jpeg({ quality })
			.toBuffer();
		const pdf = await PDFDocument.create();
		const image = await pdf.embedJpg(scan);
		pdf.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
		const bytes = Buffer.from(await pdf.save());
		if (bytes.length <= limit) return bytes;
	}
	throw new Error('no scan fits in 10 MB');
}

/** A photo of about 1 MB, as the tablet keeps a dense page (long side 2,000 px). */
function photo(seed) {
	return sharp({
		create: {
			width: 2000,
			height: 1500,
			channels: 3,
			background: { r: 230, g: 226, b: 215 },
			noise: { type: 'gaussian', mean: 190 + (seed % 20), sigma: 22 }
		}
	})
		.jpeg({ quality: 82 })
		.toBuffer();
}

/** The server's resident memory, in bytes (Linux). */
function rss(pid) {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((l) => l.startsWith('VmRSS:'));
	return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

const LIMITS = {
	QUOTA_NEW_DEVICES_PER_HOUR: '1000000',
	QUOTA_DOCUMENT_MB_PER_DAY: '100000',
	QUOTA_REQUESTS_PER_DAY: '10000000',
	QUOTA_MUTATIONS_PER_DAY: '10000000'
};

/**
 * What a town hall's server answers all day, as fast as 8 clients can: 5 s of a service's page,
 * then 5 s of tablets' outbox batches. Answers the server's resident memory before and after.
 */
async function ordinaryTraffic(base, pid) {
	const before = rss(pid);
	await loadGet(`${base}/services/portage-repas-domicile`, {
		headers: { 'accept-language': 'fr', 'accept-encoding': 'br, gzip' }
	});
	await loadOutbox(base);
	return { before, after: rss(pid) };
}

/** 20 tablets × 10 MB at once against `base` (served by `pid`): peak memory growth, seconds. */
async function twentyTablets(base, pid) {
	const photos = await Promise.all(Array.from({ length: PAGES_EACH }, (_, i) => photo(i)));
	// Warm: the modules that check pages (sharp, pdf-lib) are loaded before the baseline.
	await sendUntilDone(base, deviceKey(), randomUUID(), photos[0], 'image/jpeg');
	await new Promise((r) => setTimeout(r, 1000));
	const baseline = rss(pid);
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 50);
	const started = Date.now();
	try {
		await Promise.all(
			Array.from({ length: TABLETS }, async () => {
				const key = deviceKey();
				for (const bytes of photos) {
					await sendUntilDone(base, key, randomUUID(), bytes, 'image/jpeg');
				}
			})
		);
	} finally {
		clearInterval(sampler);
	}
	const megabytes = photos.reduce((n, p) => n + p.length, 0) / 1e6;
	return { growth: peak - baseline, seconds: (Date.now() - started) / 1000, megabytes };
}

/** The figure of one database's twenty tablets, on a server in service (`traffic`: its memory). */
function memoryFigure(database, { growth, seconds, megabytes }, traffic) {
	const mb = (bytes) => (bytes / 1e6).toFixed(0);
	return {
		figure: `${TABLETS} tablets send ${PAGES_EACH} MB each at once, ${database}: server memory growth`,
		portal: growth / 1e6,
		unit: 'MB',
		goal: '≤ 50',
		ok: growth <= 50e6,
		note: `${(megabytes * TABLETS).toFixed(0)} MB received and checked in ${seconds.toFixed(0)} s; the server at ${mb(traffic.after)} MB after ordinary traffic (${mb(traffic.before)} MB before it)`
	};
}

/** The same twenty tablets on a server just started: no goal, the one-time growth included. */
async function freshStartFigure(database, serve) {
	const server = await serve();
	try {
		const { growth } = await twentyTablets(server.base, server.child.pid);
		return {
			figure: `${TABLETS} tablets send ${PAGES_EACH} MB each at once, ${database}, on a server just started: memory growth (for reference)`,
			portal: growth / 1e6,
			unit: 'MB',
			note: 'includes the growth any first traffic brings (see the line above)'
		};
	} finally {
		await stop(server.child);
	}
}

/** @param {{ port: number; env: Record<string, string>; add: (f: object) => void }} options */
export async function pageSendingFigures({ port, env, add }) {
	const base = `http://localhost:${port}`;
	/** A portal server on `port` with `database` (its env), each time on a database of its own. */
	const serve = async (database) => ({
		base,
		child: await startServer(
			'server/index.js',
			port,
			{ ...env, ...LIMITS, ORIGIN: base, ...database() },
			'/api/health'
		)
	});
	const sqlite = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'portail-pages-')) });

	let server = await serve(sqlite);
	try {
		add(await slowThreeG(base, port));
		// --- 20 tablets at once, SQLite ----------------------------------------------------------
		const traffic = await ordinaryTraffic(base, server.child.pid);
		add(memoryFigure('SQLite', await twentyTablets(base, server.child.pid), traffic));
	} finally {
		await stop(server.child);
	}
	add(await freshStartFigure('SQLite', () => serve(sqlite)));

	// --- 20 tablets at once, PostgreSQL --------------------------------------------------------
	const cluster = await postgresCluster().catch((error) => {
		console.error(`Pages on PostgreSQL not measured: ${error.message}`);
		return undefined;
	});
	if (!cluster) return;
	const postgres = () => ({
		DATABASE_URL: cluster.url,
		DATABASE_SCHEMA: `pages_${randomBytes(4).toString('hex')}`
	});
	try {
		server = await serve(postgres);
		try {
			const traffic = await ordinaryTraffic(base, server.child.pid);
			add(memoryFigure('PostgreSQL', await twentyTablets(base, server.child.pid), traffic));
		} finally {
			await stop(server.child);
		}
		add(await freshStartFigure('PostgreSQL', () => serve(postgres)));
	} finally {
		cluster.stop();
	}
}

/** A 10 MB document sent through a slow 3G line (`port` + 1) that drops three times. */
async function slowThreeG(base, port) {
	const pdf = await tenMegabytePdf();
	const link = await slowLink(port + 1, port, SLOW_3G);
	const via = `http://localhost:${port + 1}`;
	const id = randomUUID();
	const key = deviceKey();
	const started = Date.now();
	// The line drops at a quarter, a half and three quarters of the document.
	const drops = [0.25, 0.5, 0.75];
	const watcher = setInterval(() => {
		if (drops.length && link.sentUp() >= pdf.length * drops[0]) {
			drops.shift();
			link.cut();
		}
	}, 100);
	let attempts;
	try {
		attempts = await sendUntilDone(via, key, id, pdf, 'application/pdf');
	} finally {
		clearInterval(watcher);
	}
	const seconds = (Date.now() - started) / 1000;
	const ratio = link.sentUp() / pdf.length;
	await link.close();
	const head = await fetch(`${base}/api/v1/pages/${id}`, {
		method: 'HEAD',
		headers: { authorization: `Device ${key}`, 'tus-resumable': '1.0.0' }
	});
	const verified = head.headers.get('page-status') === 'verified';
	return {
		figure: `a ${(pdf.length / 1e6).toFixed(1)} MB document over slow 3G, the line dropped 3 times: bytes up the line per byte of it`,
		portal: ratio,
		unit: '×',
		goal: '≤ 1.3, and it arrives whole',
		ok: ratio <= 1.3 && verified && drops.length === 0,
		note: `${seconds.toFixed(0)} s, ${attempts} times started again; ${verified ? 'verified by the town hall' : 'NOT verified'}`
	};
}
