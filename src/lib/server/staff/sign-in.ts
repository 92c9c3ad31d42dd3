import type { Db } from '../db/open';
import type { SessionMode } from '../db/schema';
import { audit } from '../journal/audit';
import { findStaffByEmail } from './accounts';
import { spendVerificationTime, verifyPassword } from './password';
import { startSession } from './sessions';
import { clearAccountTries, countSignInTry, EMAIL_MAX } from './throttle';

export type SignInResult =
	| { ok: true; token: string; expires: Date }
	| { ok: false; problem: 'wrong' }
	| { ok: false; problem: 'slowed' | 'refused'; retryAfterSeconds: number };

/**
 * Counts the try before the password is looked at, so a refused account costs no hashing and says
 * nothing about the password; an unknown address takes as long as a known one, so it cannot be
 * told apart. An address longer than any real one is wrong before it is counted (it would
 * otherwise be stored as a counter's key).
 */
export async function signIn(
	db: Db,
	email: string,
	password: string,
	address: string,
	now = new Date(),
	mode: SessionMode = 'staff'
): Promise<SignInResult> {
	if (email.length > EMAIL_MAX) return { ok: false, problem: 'wrong' };
	const allowed = await countSignInTry(db, email, address, now);
	if (!allowed.allowed) {
		return { ok: false, problem: allowed.reason, retryAfterSeconds: allowed.retryAfterSeconds };
	}
	const user = await findStaffByEmail(db, email);
	const valid = user
		? await verifyPassword(password, user.password_hash)
		: (await spendVerificationTime(password), false);
	if (!user || !valid || !user.active) return { ok: false, problem: 'wrong' };
	await clearAccountTries(db, email, address);
	const session = await startSession(db, user.id, now, mode);
	await audit(
		db,
		{
			staffUserId: user.id,
			action: mode === 'assisted' ? 'signin.assisted' : 'signin',
			subjectType: 'account',
			subjectId: user.id
		},
		now
	);
	return { ok: true, ...session };
}
