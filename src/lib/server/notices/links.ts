import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a signed link may do, and nothing else: answer one appointment's reminder one way, offer
 * the three answers (the SMS has room for one link), or stop the notices of one appointment or
 * request. Numbers, not names, so the link stays short enough for an SMS.
 */
export const LINK_PURPOSES = [
	'coming',
	'cannot',
	'callback',
	'choose',
	'stopAppointment',
	'stopRequest'
] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export interface LinkClaim {
	subjectId: string;
	purpose: LinkPurpose;
	expiresAt: Date;
}

const MAC_BYTES = 12;
const BODY_BYTES = 16 + 1 + 4;

/**
 * The keys that sign links: `current` signs, every key verifies by its id (0 to 15), so a key
 * can be replaced while links signed with the one before stay valid until it is withdrawn.
 */
export interface LinkKeyring {
	current: { id: number; key: Buffer };
	byId: ReadonlyMap<number, Buffer>;
}

export const MAX_KEY_ID = 15;

/** One key, id 0: the key made once and kept in the database when none is given. */
export const singleKey = (key: Buffer, id = 0): LinkKeyring => ({
	current: { id, key },
	byId: new Map([[id, key]])
});

function mac(secret: Buffer, body: Buffer): Buffer {
	return createHmac('sha256', secret).update(body).digest().subarray(0, MAC_BYTES);
}

/**
 * 44 characters: the subject's UUID, the purpose and the signing key's id (one byte: the purpose
 * in its low four bits, the key's id in its high four), the expiry (seconds) and a 96-bit HMAC.
 */
export function signLink(keys: LinkKeyring, claim: LinkClaim): string {
	const body = Buffer.alloc(BODY_BYTES);
	Buffer.from(claim.subjectId.replace(/-/g, ''), 'hex').copy(body, 0);
	body.writeUInt8(LINK_PURPOSES.indexOf(claim.purpose) | (keys.current.id << 4), 16);
	body.writeUInt32BE(Math.floor(claim.expiresAt.getTime() / 1000), 17);
	return Buffer.concat([body, mac(keys.current.key, body)]).toString('base64url');
}

/**
 * The claim of a link we signed, or why not: `invalid` (altered, truncated, made up) or
 * `expired` (signed by us, but its time is over: she is told to call).
 */
export function readLink(
	keys: LinkKeyring,
	token: string,
	now: Date
): LinkClaim | 'invalid' | 'expired' {
	if (!/^[A-Za-z0-9_-]{44}$/.test(token)) return 'invalid';
	const raw = Buffer.from(token, 'base64url');
	if (raw.length !== BODY_BYTES + MAC_BYTES) return 'invalid';
	const body = raw.subarray(0, BODY_BYTES);
	// A key withdrawn since: its links are no longer ours.
	const secret = keys.byId.get(body.readUInt8(16) >> 4);
	if (!secret) return 'invalid';
	if (!timingSafeEqual(raw.subarray(BODY_BYTES), mac(secret, body))) return 'invalid';
	const purpose = LINK_PURPOSES[body.readUInt8(16) & 0x0f];
	if (!purpose) return 'invalid';
	const expiresAt = new Date(body.readUInt32BE(17) * 1000);
	if (expiresAt <= now) return 'expired';
	const hex = body.subarray(0, 16).toString('hex');
	const subjectId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	return { subjectId, purpose, expiresAt };
}
