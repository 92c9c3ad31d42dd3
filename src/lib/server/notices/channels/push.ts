import { lookup, type LookupAddress } from 'node:dns';
import { Agent } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import webpush from 'web-push';
import { DeliveryError, type Channel, type Outgoing } from './channel';

/** The authority as written in the endpoint, before any parser decodes it. */
const rawAuthority = (endpoint: string) => /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(endpoint)?.[1];

/**
 * The endpoint as the server will dial it, or null when it may not: https on a listed push
 * service's host ("*.push.apple.com" covers its subdomains), or exactly a listed origin
 * ("https://127.0.0.1:9000", for a test endpoint). Anything else could point the server at the
 * commune's own network. An authority a parser would read differently from how it is written
 * (`2130706433%2Ex.push.apple.com`: `%2E` is a dot to one parser, not to another) is refused.
 */
export function allowedPushEndpoint(endpoint: string, allowed: readonly string[]): URL | null {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return null;
	}
	if (url.username || url.password) return null;
	if (rawAuthority(endpoint)?.toLowerCase() !== url.host) return null;
	const listed = allowed.some((entry) => {
		if (entry.includes('://')) return url.origin === entry.replace(/\/+$/, '');
		if (url.protocol !== 'https:' || url.port) return false;
		if (entry.startsWith('*.')) return url.hostname.endsWith(entry.slice(1));
		return url.hostname === entry;
	});
	return listed ? url : null;
}

export const isAllowedPushEndpoint = (endpoint: string, allowed: readonly string[]) =>
	allowedPushEndpoint(endpoint, allowed) !== null;

/** Hosts the administrator listed as a full origin: the only ones that may be on a private address. */
const listedOrigins = (allowed: readonly string[]) =>
	new Set(
		allowed.filter((e) => e.includes('://')).map((e) => new URL(e.replace(/\/+$/, '')).hostname)
	);

/** Whether an address is on the public Internet: not loopback, private, link-local, reserved… */
export function isPublicAddress(address: string): boolean {
	if (!ipaddr.isValid(address)) return false;
	return ipaddr.process(address).range() === 'unicast';
}

/**
 * A DNS lookup that refuses what resolves to a private address, for the connection itself: the
 * check is made on the address actually dialled, so a name that changes its answer between a
 * check and the connection (DNS rebinding) gains nothing.
 */
function publicLookup(allowedHosts: ReadonlySet<string>): LookupFunction {
	return (hostname, options, callback) => {
		lookup(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return callback(error, '', 4);
			const list = addresses as LookupAddress[];
			const usable = allowedHosts.has(hostname)
				? list
				: list.filter((a) => isPublicAddress(a.address));
			if (usable.length === 0) {
				const refused = Object.assign(new Error(`push host ${hostname} is not public`), {
					code: 'EPRIVATE'
				});
				return callback(refused, '', 4);
			}
			if ((options as { all?: boolean }).all) return callback(null, usable as never);
			return callback(null, usable[0]!.address, usable[0]!.family);
		});
	};
}

/** Web Push from the portal itself (VAPID, RFC 8291 encryption by `web-push`): no account. */
export function pushChannel(settings: {
	publicKey: string;
	privateKey: string;
	subject: string;
	allowedHosts: readonly string[];
	/** PEM of an extra certificate authority to trust. */
	ca?: string;
}): Channel {
	const origins = listedOrigins(settings.allowedHosts);
	// Kept-alive connections: a morning's reminders to one push service reuse them.
	const agent = new Agent({
		keepAlive: true,
		maxSockets: 8,
		lookup: publicLookup(origins),
		...(settings.ca ? { ca: settings.ca } : {})
	});
	return {
		async send(message: Outgoing) {
			const target = message.to;
			if (typeof target === 'string') throw new DeliveryError('no push subscription', true);
			const url = allowedPushEndpoint(target.endpoint, settings.allowedHosts);
			if (!url) throw new DeliveryError('push service not allowed', true);
			// An address written as a number is never looked up: checked here instead.
			const literal = url.hostname.replace(/^\[|\]$/g, '');
			if (ipaddr.isValid(literal) && !origins.has(url.hostname) && !isPublicAddress(literal)) {
				throw new DeliveryError('push service not public', true);
			}
			try {
				// The library gets the URL as checked, re-serialised: it parses it with another parser.
				const checked = { ...target, endpoint: url.href };
				await webpush.sendNotification(checked, JSON.stringify(message.push), {
					vapidDetails: {
						subject: settings.subject,
						publicKey: settings.publicKey,
						privateKey: settings.privateKey
					},
					TTL: 24 * 3600,
					timeout: 15_000,
					agent
				});
				return {};
			} catch (error) {
				const status = (error as { statusCode?: number }).statusCode;
				// 404 and 410: the tablet unsubscribed or was reset; 400 and 413: never accepted.
				throw new DeliveryError(
					`push ${status ?? ''} ${(error as Error).message}`.trim().slice(0, 300),
					status === 404 || status === 410 || status === 400 || status === 413
				);
			}
		},
		close: () => agent.destroy()
	};
}
