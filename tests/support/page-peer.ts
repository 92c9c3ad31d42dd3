import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { Upload } from 'tus-js-client';
import type { Db } from '$lib/server/db/open';
import { tusMetadata } from '$tests/helpers/senior-api';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
export const newKey = () => randomBytes(24).toString('base64url');

/** A photo as the tablet keeps it: JPEG, no metadata; noise so it does not compress to nothing. */
export async function photo(width = 900, height = 700) {
	const raw = randomBytes(width * height * 3);
	return sharp(raw, { raw: { width, height, channels: 3 } })
		.jpeg({ quality: 90 })
		.toBuffer();
}

/** A tus creation's headers for a page of `length` bytes from `key` (a JPEG, a made-up hash). */
export const creation = (key: string, length: number, id: string = randomUUID()) => ({
	authorization: `Device ${key}`,
	'tus-resumable': '1.0.0',
	'upload-length': String(length),
	'upload-metadata': tusMetadata({ id, type: 'image/jpeg', sha256: 'a'.repeat(64) })
});

export interface Sent {
	status: number;
	body: string;
	url: string | null;
}

/**
 * The pages route on a loopback port, so that tus-js-client speaks real HTTP to it as a tablet
 * does; counts the request bodies' bytes it received (how much a resumed upload sent again).
 * Load it after the API harness: the route's modules read the environment the harness sets.
 * Every tablet it serves comes from `address` (what per-address quotas count).
 */
export async function pagePeer(database: () => Promise<Db>, address = '10.9.0.1') {
	const { handlePages } = await import('$lib/server/documents/pages-http');
	const { pageBytes } = await import('$lib/server/documents/page-store');
	const received = { bytes: 0 };
	const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
		req.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
		const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
		const request = new Request(`http://127.0.0.1${req.url}`, {
			method: req.method,
			headers: req.headers as Record<string, string>,
			body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
			duplex: 'half'
		} as RequestInit);
		const response = await handlePages({
			request,
			getClientAddress: () => address,
			url: new URL(request.url),
			params: {}
		} as never);
		res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
		res.end(Buffer.from(await response.arrayBuffer()));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/pages`;

	/** Sends `bytes` as page `id` from the tablet holding `key`; resolves however the upload ends. */
	const send = (
		key: string,
		id: string,
		bytes: Buffer,
		options: { type?: string; hash?: string; stopAt?: number; uploadUrl?: string } = {}
	): Promise<Sent> =>
		new Promise((resolve) => {
			const upload: Upload = new Upload(bytes, {
				endpoint,
				uploadUrl: options.uploadUrl,
				chunkSize: 256 * 1024,
				retryDelays: [],
				storeFingerprintForResuming: false,
				headers: { authorization: `Device ${key}` },
				metadata: {
					id,
					type: options.type ?? 'image/jpeg',
					sha256: options.hash ?? sha256(bytes)
				},
				onChunkComplete: (_chunk, sent, total) => {
					if (options.stopAt !== undefined && sent >= total * options.stopAt) {
						void upload.abort().then(() => resolve({ status: 0, body: '', url: upload.url }));
					}
				},
				onSuccess: () => resolve({ status: 204, body: '', url: upload.url }),
				onError: (error) => {
					const response = (
						error as { originalResponse?: { getStatus(): number; getBody(): string } }
					).originalResponse;
					resolve({
						status: response?.getStatus() ?? -1,
						body: response?.getBody() ?? '',
						url: upload.url
					});
				}
			});
			upload.start();
		});

	const head = (key: string, id: string) =>
		fetch(`${endpoint}/${id}`, {
			method: 'HEAD',
			headers: { authorization: `Device ${key}`, 'tus-resumable': '1.0.0' }
		});

	/** A page's bytes as the town hall keeps them. */
	async function stored(id: string) {
		const parts: Buffer[] = [];
		for await (const chunk of pageBytes(await database(), id)) parts.push(chunk);
		return Buffer.concat(parts);
	}

	const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
	return { endpoint, send, head, stored, received, close };
}
