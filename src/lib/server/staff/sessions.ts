import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import type { SessionMode, StaffRole } from '../db/schema';

export const SESSION_COOKIE = 'portail_staff';
/** A working day; and a session left alone for two hours ends (a tablet forgotten at a home). */
export const SESSION_MAX_HOURS = 10;
export const SESSION_IDLE_MINUTES = 120;
/** Helping a senior on her tablet ends by itself after this (`ASSISTED_SESSION_MINUTES`): an agent
 * who forgets "Terminer l'aide" leaves no open session in her home. */
export const ASSISTED_SESSION_MINUTES = Number(process.env.ASSISTED_SESSION_MINUTES ?? 60);

export interface StaffIdentity {
	id: string;
	email: string;
	name: string;
	role: StaffRole;
	/** `assisted` on a senior's tablet: the agent acts for her there, and sees no staff page. */
	mode: SessionMode;
	/** When the session began. */
	since: string;
	/** When it ends at the latest. */
	until: string;
	/** The session's key for sealing the copies its computer keeps (AES-256, base64url). */
	copyKey: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const minutes = (n: number) => n * 60_000;

export async function startSession(
	db: Db,
	userId: string,
	now = new Date(),
	mode: SessionMode = 'staff'
) {
	const token = randomBytes(32).toString('base64url');
	const expires = new Date(
		now.getTime() + minutes(mode === 'assisted' ? ASSISTED_SESSION_MINUTES : SESSION_MAX_HOURS * 60)
	);
	await db
		.insertInto('staff_sessions')
		.values({
			token_hash: hashToken(token),
			user_id: userId,
			created_at: now.toISOString(),
			last_seen_at: now.toISOString(),
			expires_at: expires.toISOString(),
			mode,
			copy_key: randomBytes(32).toString('base64url')
		})
		.execute();
	return { token, expires };
}

/**
 * The signed-in staff member behind a cookie's token, or null when it is unknown, idle or over.
 * `active` says the request is staff work (a staff page or API): only that keeps a session from
 * going idle, so a senior browsing her portal never keeps an agent's session alive.
 */
export async function resolveSession(
	db: Db,
	token: string | undefined,
	now = new Date(),
	active = true
): Promise<StaffIdentity | null> {
	if (!token || token.length > 100) return null;
	const tokenHash = hashToken(token);
	const row = await db
		.selectFrom('staff_sessions as s')
		.innerJoin('staff_users as u', 'u.id', 's.user_id')
		.select([
			'u.id',
			'u.email',
			'u.display_name',
			'u.role',
			'u.active',
			's.expires_at',
			's.last_seen_at',
			's.mode',
			's.created_at',
			's.copy_key'
		])
		.where('s.token_hash', '=', tokenHash)
		.executeTakeFirst();
	if (!row) return null;
	const idleSince = Date.parse(row.last_seen_at);
	if (
		!row.active ||
		Date.parse(row.expires_at) <= now.getTime() ||
		now.getTime() - idleSince > minutes(SESSION_IDLE_MINUTES)
	) {
		await endSession(db, token);
		return null;
	}
	// One write a minute at most, not one per request.
	if (active && row.mode === 'staff' && now.getTime() - idleSince > minutes(1)) {
		await db
			.updateTable('staff_sessions')
			.set({ last_seen_at: now.toISOString() })
			.where('token_hash', '=', tokenHash)
			.execute();
	}
	return {
		id: row.id,
		email: row.email,
		name: row.display_name,
		role: row.role,
		mode: row.mode,
		since: row.created_at,
		until: row.expires_at,
		copyKey: row.copy_key ?? ''
	};
}

export async function endSession(db: Db, token: string) {
	await db.deleteFrom('staff_sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** "Se déconnecter partout": every device this person signed in on loses its session. */
export async function endAllSessions(db: Db, userId: string) {
	await db.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
}
