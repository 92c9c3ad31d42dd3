import { describe, expect, it } from 'vitest';
import { allowedPushEndpoint, isPublicAddress, pushChannel } from './push';
import webpush from 'web-push';

const APPLE = ['*.push.apple.com', 'fcm.googleapis.com'];

describe('push endpoints', () => {
	it('refuses an authority a parser reads apart from how it is written', () => {
		// The review's bypass: `%2E` is a dot to the WHATWG parser, not to web-push's legacy one,
		// which then dialled 127.0.0.1.
		expect(allowedPushEndpoint('https://2130706433%2Ex.push.apple.com/abc', APPLE)).toBeNull();
		expect(allowedPushEndpoint('https://web.push.apple.com@127.0.0.1/abc', APPLE)).toBeNull();
		expect(allowedPushEndpoint('https://127.0.0.1/abc', APPLE)).toBeNull();
		expect(allowedPushEndpoint('https://web.push.apple.com/QGx-1', APPLE)?.href).toBe(
			'https://web.push.apple.com/QGx-1'
		);
		expect(allowedPushEndpoint('https://fcm.googleapis.com/fcm/send/a:b', APPLE)?.host).toBe(
			'fcm.googleapis.com'
		);
	});

	it('tells public addresses from loopback, private, link-local and reserved ones', () => {
		for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254'])
			expect(isPublicAddress(address), address).toBe(false);
		for (const address of [
			'::1',
			'fe80::1',
			'fd00::1',
			'::ffff:127.0.0.1',
			'0.0.0.0',
			'100.64.0.1'
		])
			expect(isPublicAddress(address), address).toBe(false);
		expect(isPublicAddress('17.253.144.10')).toBe(true);
		expect(isPublicAddress('2a00:1450:4007:80e::200a')).toBe(true);
	});

	it('refuses, before connecting, a listed host that resolves to a private address', async () => {
		const keys = webpush.generateVAPIDKeys();
		const channel = pushChannel({
			...keys,
			subject: 'mailto:mairie@example.fr',
			// A listed name whose DNS answer is the machine itself (as a rebinding name would be).
			allowedHosts: ['localhost']
		});
		const subscription = {
			endpoint: 'https://localhost/push/abc',
			keys: {
				p256dh:
					'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
				auth: 'tBHItJI5svbpez7KI4CCXg'
			}
		};
		await expect(
			channel.send({ to: subscription, push: { title: 't', body: 'b', url: '/' } } as never)
		).rejects.toThrow(/not public/);
		channel.close?.();
	});
});
