// The key that seals the staff copies on this computer. Only a live session hands it out
// (GET /api/v1/staff/me); the computer keeps it in this tab's memory and sessionStorage — never
// beside the copies in IndexedDB — and no longer than the session could stay idle. Once the
// session has ended, a new tab, a restarted browser or the passing of that time leaves the copies
// sealed: nothing personal can be read from them.

const STORE = 'portail.staff.copy-key';

interface Held {
	raw: string;
	/** Epoch ms after which the key is not used without hearing from the server again. */
	until: number;
	/** How long the server lets it be used after each word from it (the session's idle limit). */
	lease: number;
}

let held: Held | null = null;
let imported: { raw: string; key: Promise<CryptoKey> } | null = null;

function storage(): Storage | null {
	try {
		return typeof sessionStorage === 'undefined' ? null : sessionStorage;
	} catch {
		return null;
	}
}

/** The key the server just gave, usable until `until` (an ISO instant). */
export function rememberCopyKey(raw: string, until: string, now = Date.now()) {
	held = { raw, until: Date.parse(until), lease: Math.max(0, Date.parse(until) - now) };
	storage()?.setItem(STORE, JSON.stringify(held));
}

/** The server just answered a staff request: the session is alive, the key's lease starts again. */
export function renewCopyKey(now = Date.now()) {
	if (!copyKey(now) || !held) return;
	held = { ...held, until: now + held.lease };
	storage()?.setItem(STORE, JSON.stringify(held));
}

export function forgetCopyKey() {
	held = null;
	imported = null;
	storage()?.removeItem(STORE);
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The key, while it may still be used; null otherwise (signed out, expired, another tab). */
export function copyKey(now = Date.now()): Promise<CryptoKey> | null {
	if (!held) {
		try {
			held = JSON.parse(storage()?.getItem(STORE) ?? 'null') as Held | null;
		} catch {
			held = null;
		}
	}
	if (!held || !(held.until > now)) {
		forgetCopyKey();
		return null;
	}
	if (imported?.raw !== held.raw) {
		imported = {
			raw: held.raw,
			key: crypto.subtle.importKey('raw', fromBase64url(held.raw), 'AES-GCM', false, [
				'encrypt',
				'decrypt'
			])
		};
	}
	return imported.key;
}

export interface Sealed {
	iv: Uint8Array<ArrayBuffer>;
	data: ArrayBuffer;
}

export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const plain = new TextEncoder().encode(JSON.stringify(value));
	return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain) };
}

/** What was sealed, or null when this key cannot open it (another session's copy). */
export async function unseal<T>(key: CryptoKey, sealed: Sealed): Promise<T | null> {
	try {
		const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
		return JSON.parse(new TextDecoder().decode(plain)) as T;
	} catch {
		return null;
	}
}
