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

function mac(secret: Buffer, body: Buffer): Buffer {
	return createHmac('sha256', secret).update(body).digest().subarray(0, MAC_BYTES);
}

/** 44 characters: the subject's UUID, the purpose, the expiry (seconds) and a 96-bit HMAC. */
export function signLink(secret: Buffer, claim: LinkClaim): string {
	const body = Buffer.alloc(BODY_BYTES);
	Buffer.from(claim.subjectId.replace(/-/g, ''), 'hex').copy(body, 0);
	body.writeUInt8(LINK_PURPOSES.indexOf(claim.purpose), 16);
	body.writeUInt32BE(Math.floor(claim.expiresAt.getTime() / 1000), 17);
	return Buffer.concat([body, mac(secret, body)]).toString('base64url');
}

/**
 * The claim of a link we signed, or why not: `invalid` (altered, truncated, made up) or
 * `expired` (signed by us, but its time is over: she is told to call).
 */
export function readLink(
	secret: Buffer,
	token: string,
	now: Date
): LinkClaim | 'invalid' | 'expired' {
	if (!/^[A-Za-z0-9_-]{44}$/.test(token)) return 'invalid';
	const raw = Buffer.from(token, 'base64url');
	if (raw.length !== BODY_BYTES + MAC_BYTES) return 'invalid';
	const body = raw.subarray(0, BODY_BYTES);
	if (!timingSafeEqual(raw.subarray(BODY_BYTES), mac(secret, body))) return 'invalid';
	const purpose = LINK_PURPOSES[body.readUInt8(16)];
	if (!purpose) return 'invalid';
	const expiresAt = new Date(body.readUInt32BE(17) * 1000);
	if (expiresAt <= now) return 'expired';
	const hex = body.subarray(0, 16).toString('hex');
	const subjectId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	return { subjectId, purpose, expiresAt };
}
