import { expect, it } from 'vitest';
import { loggablePath } from './loggable-path';

it('writes no signed link’s token to a log', () => {
	expect(loggablePath('/r/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf')).toBe('/r/[redacted]');
	expect(loggablePath('/pro/demandes/42')).toBe('/pro/demandes/42');
});
