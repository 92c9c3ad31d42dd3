import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDatabase } from '$tests/support/temp-db';
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
		// One instant for all: the verdicts are the counts', whatever the machine's speed.
		const now = new Date('2026-11-21T10:00:00Z');
		const tries = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				signIn(db, 'paul@mairie.test', `faux ${i}`, `10.1.0.${i}`, now)
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
		const later = new Date(now.getTime() + 60_000);
		expect(await signIn(db, 'paul@mairie.test', PASSWORD, '10.1.1.1', later)).toMatchObject({
			ok: false,
			problem: 'refused'
		});
	});

	it('slows simultaneous tries from one address after the third', async () => {
		const now = new Date('2026-11-21T11:00:00Z');
		const tries = await Promise.all(
			Array.from({ length: 8 }, () => signIn(db, 'lea@mairie.test', 'faux', '10.2.0.1', now))
		);
		expect(checks.mock.calls.length).toBe(SLOW_AFTER);
		expect(tries.filter((t) => !t.ok && t.problem === 'slowed')).toHaveLength(8 - SLOW_AFTER);
		// The wait doubles, and a try that waits it is checked again.
		const step = (seconds: number) => new Date(now.getTime() + seconds * 1000);
		expect(await signIn(db, 'lea@mairie.test', 'faux', '10.2.0.1', step(0.5))).toMatchObject({
			problem: 'slowed'
		});
		expect(await signIn(db, 'lea@mairie.test', 'faux', '10.2.0.1', step(600))).toMatchObject({
			problem: 'wrong'
		});
		expect(checks.mock.calls.length).toBe(SLOW_AFTER + 1);
		// The wait waited out, the right password lets her in (the browser test stops at the wait).
		const after = await signIn(db, 'lea@mairie.test', PASSWORD, '10.2.0.1', step(1800));
		expect(after.ok).toBe(true);
	});

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
	});

	it('refuses an address over 254 characters before counting or checking it', async () => {
		const huge = `${'a'.repeat(400_000)}@mairie.test`;
		expect(await signIn(db, huge, 'faux', '10.3.0.1')).toEqual({ ok: false, problem: 'wrong' });
		expect(checks).not.toHaveBeenCalled();
		const keys = await db.selectFrom('sign_in_tries').select('key').execute();
		expect(keys.every((k) => k.key.length < 300)).toBe(true);
	});
});
