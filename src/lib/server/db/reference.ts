import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L, 5/S or 2/Z: a reference is read aloud over the phone by people who may hear badly.
const ALPHABET = '346789ACDEFGHJKMNPQRTUVWXY';

/** A short reference such as "D-7KM-4QX", easy to read out; the prefix says what it refers to. */
export function newReference(prefix: 'D' | 'R' | 'E'): string {
	const pick = () => ALPHABET[randomInt(ALPHABET.length)];
	const part = () => `${pick()}${pick()}${pick()}`;
	return `${prefix}-${part()}-${part()}`;
}
