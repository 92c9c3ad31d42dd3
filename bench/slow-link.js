// A home connection in front of a local server: every byte, from the page and from its service
// worker alike, goes through one link of slow-4G speed (or slow 3G). Chromium's own throttling covers only the page's requests, and
// a first visit's precache is the service worker's.
import { connect, createServer } from 'node:net';

/** Lighthouse's slow 4G: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
export const SLOW_4G = { oneWayMs: 75, downKbit: 1638.4, upKbit: 750 };
/** DevTools' slow 3G: 400 ms round trip, 400 kbit/s each way (a village's weak mobile signal). */
export const SLOW_3G = { oneWayMs: 200, downKbit: 400, upKbit: 400 };

/**
 * One direction of the link: chunks leave in order, each after the one-way delay and no sooner
 * than the link's rate allows, the rate shared by every connection (one household, one line).
 * @param {number} bytesPerSecond
 */
function direction(bytesPerSecond, oneWayMs) {
	let freeAt = 0;
	/** @type {{ at: number; send: () => void }[]} */
	const queue = [];
	let timer;
	// One queue, delivered in order: timers of different lengths due in the same millisecond
	// may fire in any order, and a reordered chunk is a broken HTTP answer.
	const pump = () => {
		timer = undefined;
		while (queue.length > 0 && queue[0].at <= Date.now()) queue.shift().send();
		if (queue.length > 0) timer = setTimeout(pump, queue[0].at - Date.now());
	};
	/** @param {Buffer} chunk @param {(chunk: Buffer) => void} deliver */
	return (chunk, deliver) => {
		const now = Date.now();
		freeAt = Math.max(freeAt, now) + (chunk.length / bytesPerSecond) * 1000;
		queue.push({ at: freeAt + oneWayMs, send: () => deliver(chunk) });
		timer ??= setTimeout(pump, queue[0].at - now);
	};
}

/**
 * Listens on `port` and forwards to `targetPort` through the slow link. `cut()` drops every
 * connection at once, as a lost signal does; `sentUp()` is the bytes that went up the line.
 * @param {number} port
 * @param {number} targetPort
 * @param {{ oneWayMs: number; downKbit: number; upKbit: number }} profile
 */
export function slowLink(port, targetPort, profile = SLOW_4G) {
	const down = direction((profile.downKbit * 1024) / 8, profile.oneWayMs);
	const up = direction((profile.upKbit * 1024) / 8, profile.oneWayMs);
	let upBytes = 0;
	const sockets = new Set();
	const server = createServer((client) => {
		const upstream = connect(targetPort, '127.0.0.1');
		sockets.add(client).add(upstream);
		client.on('close', () => sockets.delete(client));
		upstream.on('close', () => sockets.delete(upstream));
		// Ends and errors travel behind the data still on the line.
		client.on('data', (chunk) =>
			up(chunk, (c) => {
				upBytes += c.length;
				upstream.write(c);
			})
		);
		upstream.on('data', (chunk) => down(chunk, (c) => client.write(c)));
		client.on('end', () => up(Buffer.alloc(0), () => upstream.end()));
		upstream.on('end', () => down(Buffer.alloc(0), () => client.end()));
		client.on('error', () => upstream.destroy());
		upstream.on('error', () => client.destroy());
	});
	return new Promise((resolve) =>
		server.listen(port, '127.0.0.1', () =>
			resolve({
				sentUp: () => upBytes,
				cut: () => {
					for (const socket of sockets) socket.destroy();
				},
				close: () => {
					for (const socket of sockets) socket.destroy();
					return new Promise((r) => server.close(r));
				}
			})
		)
	);
}
