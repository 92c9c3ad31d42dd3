import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDatabase } from '../testing/temp-db';
import { createStaffUser } from './accounts';
import * as password from './password';
import { signIn } from './sign-in';
import { REFUSE_AFTER, SLOW_AFTER } from './throttle';

// Every password check is counted: the throttle must decide before the hash is even computed.
vi.mock('./password', async (importOriginal) => {
	const actual = await importOriginal<typeof import('./password')>();
	return {
		...actual,
		verifyPassword: vi.fn((p: string, stored: string) => actual.verifyPassword(p, stored)),
		// Unknown accounts cost a hash in production; here only the counting is under test.
		spendVerificationTime: async () => undefined
	};
});
const checks = vi.mocked(password.verifyPassword);

const temp = await tempDatabase();
const db = temp.db;
afterAll(() => temp.close());
const PASSWORD = 'Une phrase de passe longue';
for (const email of ['paul@mairie.test', 'lea@mairie.test', 'rose@mairie.test']) {
	await createStaffUser(db, { email, displayName: email, role: 'agent', password: PASSWORD });
}
// Braces: a function returned from beforeEach would be run as the test's teardown.
beforeEach(() => {
	checks.mockClear();
});

describe('sign-in throttling', () => {
	it('checks at most 10 of 30 simultaneous wrong tries on one account; the rest are refused', async () => {
		// From 30 addresses, so only the account's own count can hold them back.
		const tries = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				signIn(db, 'paul@mairie.test', `faux ${i}`, `10.1.0.${i}`)
			)
		);
		expect(checks.mock.calls.length).toBeLessThanOrEqual(REFUSE_AFTER);
		expect(tries.filter((t) => !t.ok && t.problem === 'wrong')).toHaveLength(
			checks.mock.calls.length
		);
		expect(tries.filter((t) => !t.ok && t.problem === 'refused')).toHaveLength(
			30 - checks.mock.calls.length
		);
		// Even the right password now waits out the window, unchecked.
		expect(await signIn(db, 'paul@mairie.test', PASSWORD, '10.1.1.1')).toMatchObject({
			ok: false,
			problem: 'refused'
		});
	}, 30_000);

	it('slows simultaneous tries from one address after the third', async () => {
		const tries = await Promise.all(
			Array.from({ length: 8 }, () => signIn(db, 'lea@mairie.test', 'faux', '10.2.0.1'))
		);
		expect(checks.mock.calls.length).toBe(SLOW_AFTER);
		expect(tries.filter((t) => !t.ok && t.problem === 'slowed')).toHaveLength(8 - SLOW_AFTER);
	}, 30_000);

	it('does not lock the other accounts of an address that fails many times', async () => {
		const t0 = Date.parse('2026-11-21T09:00:00Z');
		for (let i = 0; i < 60; i++) {
			await signIn(db, `nobody${i}@mairie.test`, 'faux', '10.9.9.9', new Date(t0 + i * 100));
		}
		const colleague = await signIn(
			db,
			'rose@mairie.test',
			PASSWORD,
			'10.9.9.9',
			new Date(t0 + 7000)
		);
		expect(colleague.ok).toBe(true);
	}, 60_000);

	it('refuses an address over 254 characters before counting or checking it', async () => {
		const huge = `${'a'.repeat(400_000)}@mairie.test`;
		expect(await signIn(db, huge, 'faux', '10.3.0.1')).toEqual({ ok: false, problem: 'wrong' });
		expect(checks).not.toHaveBeenCalled();
		const keys = await db.selectFrom('sign_in_tries').select('key').execute();
		expect(keys.every((k) => k.key.length < 300)).toBe(true);
	});
});
