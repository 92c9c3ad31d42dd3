import { describe, expect, it } from 'vitest';
import { sameSitePath } from './same-site-path';

describe('sameSitePath', () => {
	const origin = 'https://seniors.example.fr';

	it('keeps a path of this site with its query', () => {
		expect(sameSitePath('/themes/repas?x=1', origin)).toBe('/themes/repas?x=1');
	});

	it('sends anything leading elsewhere home', () => {
		for (const next of [
			'https://evil.example/',
			'//evil.example/x',
			'/\\evil.example',
			'javascript:alert(1)'
		]) {
			expect(sameSitePath(next, origin)).toBe('/');
		}
	});

	it('goes home without an address', () => {
		expect(sameSitePath(undefined, origin)).toBe('/');
		expect(sameSitePath('', origin)).toBe('/');
	});

	it('goes home, without throwing, from an address that cannot be read', () => {
		for (const next of ['http://[', 'https://[::1', '//[', 'http://a b/']) {
			expect(sameSitePath(next, origin)).toBe('/');
		}
	});
});
