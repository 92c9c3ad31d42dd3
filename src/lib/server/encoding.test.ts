import { describe, expect, it } from 'vitest';
import { preferredEncoding } from './encoding';

describe('the compression a client accepts', () => {
	it('prefers brotli, then gzip, and honours a refusal', () => {
		expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(preferredEncoding('gzip, deflate')).toBe('gzip');
		expect(preferredEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(preferredEncoding('BR')).toBe('br');
		expect(preferredEncoding('br;q=0.0, gzip;q=0')).toBeNull();
		expect(preferredEncoding('identity')).toBeNull();
		expect(preferredEncoding(null)).toBeNull();
	});
});
