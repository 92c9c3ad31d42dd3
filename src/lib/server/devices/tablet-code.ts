import { createHash, randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { bumpCounter } from '../quotas';

/**
 * "Le code de ma tablette": six digits her tablet shows, which she reads to the agent booking for
 * her on the phone; his booking then belongs to her tablet as if she had made it there (her list,
 * her answer to the reminder, her notifications). A code lives ten minutes, for the length of a
 * call (two bookings in one call need one code). What guards it is its life and the agents' tries,
 * not its hash: a million codes are soon hashed; the hash keeps live codes out of plain sight.
 */
export const TABLET_CODE_MINUTES = 10;
/** Codes one tablet may ask for in an hour: enough for a morning of calls, not for a script. */
export const CODES_PER_HOUR = 10;
/** Codes one agent may try in an hour: a desk's calls, while a guess stays one in 100,000. */
export const TRIES_PER_HOUR = 20;

const HOUR = 3_600_000;
const hashOf = (code: string) => createHash('sha256').update(`tablet-code:${code}`).digest('hex');
const hourOf = (now: Date) => now.toISOString().slice(0, 13);

/** What she may type or say: digits, perhaps grouped ("482 913"); null when it is not six. */
export function readTabletCode(text: string): string | null {
	const digits = text.replace(/[\s.\-\u00a0\u202f]/g, '');
	return /^\d{6}$/.test(digits) ? digits : null;
}

export type IssuedCode = { code: string; expiresAt: string } | { refused: 'tooMany' };

/**
 * A new code for the device, replacing its earlier ones. The code is unique among live codes
 * (settled by the table's key: a code still live elsewhere is not taken over, an expired one is).
 */
export async function issueTabletCode(
	trx: Transaction<Database>,
	deviceHash: string,
	now: Date
): Promise<IssuedCode> {
	const asked = await bumpCounter(
		trx,
		`tablet-codes:${deviceHash}:${hourOf(now)}`,
		new Date(now.getTime() + 2 * HOUR)
	);
	if (asked > CODES_PER_HOUR) return { refused: 'tooMany' };
	await trx.deleteFrom('tablet_codes').where('device_hash', '=', deviceHash).execute();
	const stamp = now.toISOString();
	const expiresAt = new Date(now.getTime() + TABLET_CODE_MINUTES * 60_000).toISOString();
	for (let attempt = 0; attempt < 20; attempt++) {
		const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
		const taken = await trx
			.insertInto('tablet_codes')
			.values({
				code_hash: hashOf(code),
				device_hash: deviceHash,
				expires_at: expiresAt,
				created_at: stamp
			})
			.onConflict((oc) =>
				oc
					.column('code_hash')
					.doUpdateSet((eb) => ({
						device_hash: eb.ref('excluded.device_hash'),
						expires_at: eb.ref('excluded.expires_at'),
						created_at: eb.ref('excluded.created_at')
					}))
					.where('tablet_codes.expires_at', '<=', stamp)
			)
			.returning('code_hash')
			.executeTakeFirst();
		if (taken) return { code, expiresAt };
	}
	// Twenty live codes met in a row: hundreds of thousands of tablets on the phone at once.
	throw new Error('No free tablet code');
}

export type CodeLookup =
	{ deviceHash: string } | { refused: 'tabletCodeUnknown' | 'tabletCodeTries' };

/**
 * The tablet a code given to an agent belongs to. Every try counts against the agent's hour
 * before the code is looked at (one statement: two tries at once both count), so guessing is
 * bounded whatever the answers.
 */
export async function deviceOfCode(
	trx: Transaction<Database>,
	code: string,
	staffUserId: string,
	now: Date
): Promise<CodeLookup> {
	const tries = await bumpCounter(
		trx,
		`tablet-code-tries:${staffUserId}:${hourOf(now)}`,
		new Date(now.getTime() + 2 * HOUR)
	);
	if (tries > TRIES_PER_HOUR) return { refused: 'tabletCodeTries' };
	const row = await trx
		.selectFrom('tablet_codes')
		.select('device_hash')
		.where('code_hash', '=', hashOf(code))
		.where('expires_at', '>', now.toISOString())
		.executeTakeFirst();
	return row ? { deviceHash: row.device_hash } : { refused: 'tabletCodeUnknown' };
}
