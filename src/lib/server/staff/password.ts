import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from node:crypto (no native add-on to build on a commune's server). N = 2^15, r = 8,
// p = 3 is one of OWASP's equivalent settings, the one needing least memory (32 MiB): about 0.35 s
// per check on a 2-core server.
const PRODUCT_PARAMS = { N: 2 ** 15, r: 8, p: 3 };
/**
 * The test seam: the suites make and check hundreds of hashes, each meant to cost a third of a
 * second. `PASSWORD_HASH_COST=test` (set by the test runners only, and announced on start) makes
 * new hashes with N = 2^10; hashes keep their parameters, so every existing one still checks.
 */
const TEST_PARAMS = { N: 2 ** 10, r: 8, p: 1 };
export const cheapHashes = () => process.env.PASSWORD_HASH_COST === 'test';
const params = () => (cheapHashes() ? TEST_PARAMS : PRODUCT_PARAMS);
const KEY_LENGTH = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(
			password.normalize('NFC'),
			salt,
			KEY_LENGTH,
			{ ...options, maxmem: MAX_MEMORY },
			(e, key) => (e ? reject(e) : resolve(key))
		)
	);
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64: the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const { N, r, p } = params();
	const key = await derive(password, salt, { N, r, p });
	return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, N, r, p, salt, key] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64');
	const actual = await derive(password, Buffer.from(salt, 'base64'), {
		N: Number(N),
		r: Number(r),
		p: Number(p)
	});
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of nothing, checked when the account does not exist, so the answer takes as long. */
let decoy: Promise<string> | undefined;
export async function spendVerificationTime(password: string): Promise<void> {
	decoy ??= hashPassword(randomBytes(16).toString('hex'));
	await verifyPassword(password, await decoy);
}

export const PASSWORD_MIN_LENGTH = 12;

/**
 * ANSSI's and the CNIL's advice for a password alone: length first. Twelve characters at least,
 * not one character repeated, and not the address itself.
 */
export function passwordProblem(password: string, email: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH) return 'passwordTooShort';
	if (password.length > 200) return 'passwordTooLong';
	if (new Set(password).size < 5) return 'passwordTooSimple';
	if (password.toLowerCase().includes(email.toLowerCase().split('@')[0] || '\u0000'))
		return 'passwordContainsName';
	return null;
}
