import { Agent } from 'node:https';
import webpush from 'web-push';
import { DeliveryError, type Channel, type Outgoing } from './channel';

/**
 * Whether the server may post to this push endpoint: https on a listed push service's host
 * ("*.push.apple.com" covers its subdomains), or exactly a listed origin ("http://127.0.0.1:9000",
 * for a test endpoint; web-push itself speaks https only). Anything else could point the server at the commune's own network.
 */
export function isAllowedPushEndpoint(endpoint: string, allowed: readonly string[]): boolean {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return false;
	}
	if (url.username || url.password) return false;
	return allowed.some((entry) => {
		if (entry.includes('://')) return url.origin === entry.replace(/\/+$/, '');
		if (url.protocol !== 'https:' || url.port) return false;
		if (entry.startsWith('*.')) return url.hostname.endsWith(entry.slice(1));
		return url.hostname === entry;
	});
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
	// Kept-alive connections: a morning's reminders to one push service reuse them.
	const agent = new Agent({
		keepAlive: true,
		maxSockets: 8,
		...(settings.ca ? { ca: settings.ca } : {})
	});
	return {
		async send(message: Outgoing) {
			const target = message.to;
			if (typeof target === 'string') throw new DeliveryError('no push subscription', true);
			if (!isAllowedPushEndpoint(target.endpoint, settings.allowedHosts)) {
				throw new DeliveryError('push service not allowed', true);
			}
			try {
				await webpush.sendNotification(target, JSON.stringify(message.push), {
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
