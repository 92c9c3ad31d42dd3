import { readFileSync } from 'node:fs';
import { MAX_KEY_ID, type LinkKeyring } from './links';
import { smsCountries } from '$lib/notices/destinations';

/** A number from the environment (decimals allowed), or the default when unset or not positive. */
function positive(raw: string | undefined, fallback: number): number {
	const value = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

function vapidKeys(env: NodeJS.ProcessEnv) {
	const privateKey = secret(env, 'VAPID_PRIVATE_KEY');
	return env.VAPID_PUBLIC_KEY && privateKey
		? { publicKey: env.VAPID_PUBLIC_KEY, privateKey }
		: null;
}

/** A whole number from the environment, or the default when unset or not a positive whole number. */
function whole(raw: string | undefined, fallback: number): number {
	const value = Number(raw);
	return raw?.trim() && Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * A secret from the environment (`NAME`) or from a file (`NAME_FILE`: systemd's credentials, a
 * secret mounted by the host), so that it need not be kept in the database, nor in its dumps.
 */
function secret(env: NodeJS.ProcessEnv, name: string): string | null {
	if (env[name]?.trim()) return env[name]!.trim();
	const file = env[`${name}_FILE`];
	return file ? readFileSync(file, 'utf8').trim() || null : null;
}

/**
 * `LINK_SECRET`: "id:secret" entries, comma-separated (a bare secret is id 1); the first signs,
 * all verify, so a new key can come first while the links of the one before still work. Ids 1 to
 * 15 (0 is the key the portal made and kept in its database); secrets of 32 characters at least.
 */
export function linkKeyring(raw: string | null): LinkKeyring | null {
	if (!raw) return null;
	const entries = raw.split(',').map((entry, index) => {
		const match = /^(?:(\d{1,2}):)?(\S{32,})$/.exec(entry.trim());
		const id = Number(match?.[1] ?? 1);
		if (!match || id < 1 || id > MAX_KEY_ID) {
			throw new Error(
				`LINK_SECRET, entry ${index + 1}: write "id:secret", an id from 1 to ${MAX_KEY_ID} and a secret of 32 characters at least (openssl rand -base64 32).`
			);
		}
		return [id, Buffer.from(match[2]!, 'utf8')] as const;
	});
	const byId = new Map(entries);
	if (byId.size !== entries.length) throw new Error('LINK_SECRET: each key needs its own id.');
	const [id, key] = entries[0]!;
	return { current: { id, key }, byId };
}

/** "20:00-09:00" → minutes of the day; the default when malformed. */
function quietHours(raw: string | undefined): { from: number; to: number } | null {
	if (raw === 'off') return null;
	const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(raw ?? '');
	if (!match) return { from: 20 * 60, to: 9 * 60 };
	const [fh, fm, th, tm] = match.slice(1).map(Number) as [number, number, number, number];
	return { from: fh * 60 + fm, to: th * 60 + tm };
}

/**
 * How notices go out, all from the environment (README, "Configuration"). Read when used, not
 * once at start, so a test can set a channel's address for the server it starts.
 */
export function noticeSettings(env: NodeJS.ProcessEnv = process.env) {
	return {
		/** The portal's public address, for the links in messages (the answer pages). */
		publicUrl: (env.PUBLIC_URL || env.ORIGIN || 'http://localhost:3000').replace(/\/+$/, ''),
		email: env.SMTP_URL
			? { url: env.SMTP_URL, from: env.MAIL_FROM || 'Portail Seniors <no-reply@localhost>' }
			: null,
		sms:
			env.SMS_API_KEY && env.SMS_SENDER
				? {
						url: env.SMS_API_URL || 'https://api.brevo.com/v3/transactionalSMS/sms',
						key: env.SMS_API_KEY,
						sender: env.SMS_SENDER
					}
				: null,
		/** Push always works from the portal's own keys; given keys take over (several servers). */
		/**
		 * Push services the server may post to. A subscription names any address, so without this
		 * list a device could make the server post to a machine inside the commune's network.
		 */
		pushHosts: (
			env.PUSH_ALLOWED_HOSTS ??
			'fcm.googleapis.com,updates.push.services.mozilla.com,*.push.apple.com,*.notify.windows.com'
		)
			.split(',')
			.map((h) => h.trim().toLowerCase())
			.filter(Boolean),
		/**
		 * A certificate authority to trust for push services, beyond the system's: a commune's
		 * TLS-inspecting proxy (the tests' local push service uses it too).
		 */
		pushCaFile: env.PUSH_CA_FILE || null,
		reminderLeadMs: positive(env.REMINDER_LEAD_HOURS, 48) * 3_600_000,
		/** A letter's reminder is printed sooner: the post takes days. Never under the others'. */
		letterLeadMs: Math.max(
			positive(env.LETTER_LEAD_DAYS, 7) * 86_400_000,
			positive(env.REMINDER_LEAD_HOURS, 48) * 3_600_000
		),
		/** Days a printed letter takes to arrive: one unprinted closer to its appointment is a call. */
		letterPostDays: positive(env.LETTER_POST_DAYS, 3),
		tickMs: positive(env.NOTIFY_TICK_SECONDS, 60) * 1000,
		/** No SMS in these hours of the commune's day; "off" sends at any hour. */
		smsQuietHours: quietHours(env.SMS_QUIET_HOURS),
		/** "Not answered by noon" the day before: the office calls them. */
		callListHour: 12,
		/** Countries an SMS may go to: France and its overseas departments, and `SMS_COUNTRIES`. */
		smsCountries: smsCountries(env.SMS_COUNTRIES),
		/**
		 * What one appointment, one recipient and the whole portal may send (issue 22): whatever
		 * devices ask, the commune's money and name are bounded by these.
		 */
		budgets: {
			/** A change waits this long for the next one: she is told the latest state once. */
			changeQuietMs: positive(env.NOTICE_CHANGE_QUIET_MINUTES, 5) * 60_000,
			/** Notices of changes and cancellations per appointment and day (per channel). */
			changesPerAppointmentDay: whole(env.NOTICE_CHANGES_PER_APPOINTMENT, 3),
			/** Messages one e-mail address or mobile number receives a day, and a month. */
			recipientDay: whole(env.NOTICE_RECIPIENT_DAILY_MAX, 6),
			recipientMonth: whole(env.NOTICE_RECIPIENT_MONTHLY_MAX, 40),
			/** SMS and e-mails a day for the whole portal; past them they wait for an agent. */
			smsDay: whole(env.SMS_DAILY_MAX, 300),
			emailDay: whole(env.EMAIL_DAILY_MAX, 3000)
		}
	};
}

export type NoticeSettings = ReturnType<typeof noticeSettings>;

/**
 * The keys given to the portal (LINK_SECRET or its file, the VAPID pair or its file), or null for
 * each the portal makes itself. Read once per database by `noticeKeys`, never per request: a
 * secret file is read from disk.
 */
export function noticeSecrets(env: NodeJS.ProcessEnv = process.env) {
	return { vapid: vapidKeys(env), linkKeys: linkKeyring(secret(env, 'LINK_SECRET')) };
}
