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

/** The purposes that answer a reminder: their link names the time it reminded of. */
export const ANSWER_PURPOSES: readonly LinkPurpose[] = ['coming', 'cannot', 'callback', 'choose'];
const isAnswer = (purpose: LinkPurpose) => ANSWER_PURPOSES.includes(purpose);
/** An answer is taken until two days after the time it reminded of. */
const ANSWERABLE_MS = 2 * 86_400_000;

/**
 * What a link allows. An answer's link names the appointment's time (`start`), so a link from
 * an earlier reminder does nothing once the appointment has moved; it expires two days after.
 */
export type LinkClaim =
	| { subjectId: string; purpose: 'stopAppointment' | 'stopRequest'; expiresAt: Date }
	| { subjectId: string; purpose: 'coming' | 'cannot' | 'callback' | 'choose'; start: Date };

export type ReadClaim = LinkClaim & { expiresAt: Date };

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
	// Four bytes of seconds: the reminded time for an answer, the expiry for a stop.
	const moment = 'start' in claim ? claim.start : claim.expiresAt;
	body.writeUInt32BE(Math.floor(moment.getTime() / 1000), 17);
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
): ReadClaim | 'invalid' | 'expired' {
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
	const moment = new Date(body.readUInt32BE(17) * 1000);
	const expiresAt = isAnswer(purpose) ? new Date(moment.getTime() + ANSWERABLE_MS) : moment;
	if (expiresAt <= now) return 'expired';
	const hex = body.subarray(0, 16).toString('hex');
	const subjectId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	return isAnswer(purpose)
		? ({ subjectId, purpose, start: moment, expiresAt } as ReadClaim)
		: ({ subjectId, purpose, expiresAt } as ReadClaim);
}
