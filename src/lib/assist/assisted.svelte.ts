import { browser } from '$app/environment';
import { SIGN_OUT_PATH } from '$lib/staff/paths';

// Assisted mode on the senior's tablet: an agent signed in beside her. The session itself is an
// HttpOnly cookie the page cannot read; the device keeps only the agent's name for the banner,
// and, when "Terminer l'aide" was pressed offline, a note to end the session once back online.
const AGENT_KEY = 'portail.assist.agent';
/** When the agent's session ends at the latest: the tablet ends the help itself then, offline too. */
const UNTIL_KEY = 'portail.assist.until';
const END_KEY = 'portail.assist.end-pending';
/** When "Terminer l'aide" was last pressed: a session begun before then is over for this tablet. */
const ENDED_AT_KEY = 'portail.assist.ended-at';

export interface AssistedBy {
	name: string;
	/** When the agent's session began (server time). */
	since: string;
	/** When it ends by itself (server time). */
	until: string;
}

class Assist {
	agentName = $state<string | null>(null);
	/** The help ended by itself while the page was open: the banner says so. */
	timedOut = $state(false);
}

/** Browser only: on the server each request has its own answer (the layout's `assistedBy`). */
export const assist = new Assist();

function read(): string | null {
	try {
		return localStorage.getItem(AGENT_KEY);
	} catch {
		return null;
	}
}

/**
 * Settles the device's view with the server's when the server spoke (a server-rendered page:
 * the agent, or null when no agent's session is open any more), else keeps what the device
 * knows. A session that began before the last "Terminer l'aide" stays ended here, even while the
 * server has not been told yet (offline) or answered a page asked for just before; an agent who
 * has just signed in anew (`started`) starts afresh.
 */
export function syncAssist(fromServer: AssistedBy | null | undefined, started = false) {
	if (!browser) return;
	if (fromServer && started) {
		localStorage.removeItem(END_KEY);
		localStorage.removeItem(ENDED_AT_KEY);
	}
	const endedAt = localStorage.getItem(ENDED_AT_KEY);
	if (fromServer && !(endedAt && endedAt >= fromServer.since)) {
		localStorage.setItem(AGENT_KEY, fromServer.name);
		localStorage.setItem(UNTIL_KEY, fromServer.until);
	} else if (fromServer === null) {
		localStorage.removeItem(AGENT_KEY);
	}
	assist.agentName = read();
	watchExpiry();
}

let expiryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The session's own end, kept by the tablet: at that moment the agent's name and every staff datum
 * go, as with "Terminer l'aide", even with no connection to hear it from the server.
 */
function watchExpiry() {
	clearTimeout(expiryTimer);
	const until = Date.parse(localStorage.getItem(UNTIL_KEY) ?? '');
	if (!assist.agentName || Number.isNaN(until)) return;
	const expire = () => {
		wipeStaffData();
		localStorage.setItem(ENDED_AT_KEY, new Date(until).toISOString());
		assist.timedOut = true;
	};
	const left = until - Date.now();
	// setTimeout holds at most ~24.8 days; a session lasts hours.
	if (left <= 0) expire();
	else expiryTimer = setTimeout(expire, Math.min(left, 2 ** 31 - 1));
}

/** Every staff datum the device may hold. The senior's drafts, details and outbox stay. */
export function wipeStaffData() {
	localStorage.removeItem(AGENT_KEY);
	localStorage.removeItem(UNTIL_KEY);
	clearTimeout(expiryTimer);
	assist.agentName = null;
	// An assisted session opens no staff page, so there should be none: a belt to the braces.
	// The device's store is loaded on demand: the first page she opens must not wait for it.
	void Promise.all([import('$lib/offline/db'), import('$lib/staff/offline/staff-copy')])
		.then(([{ portalDb }, { wipeStaffCopies }]) => wipeStaffCopies(portalDb()))
		.catch(() => undefined);
}

async function endOnServer(): Promise<boolean> {
	try {
		const body = new FormData();
		body.set('scope', 'assisted');
		// The answer is a redirect whose Set-Cookie removes the session cookie.
		const response = await fetch(SIGN_OUT_PATH, { method: 'POST', body, redirect: 'manual' });
		return response.type === 'opaqueredirect' || response.ok;
	} catch {
		return false;
	}
}

/** "Terminer l'aide": the device forgets the agent at once; the server, now or once online. */
export async function endAssist(sendPending: () => Promise<unknown>) {
	wipeStaffData();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp for storage, not state
	localStorage.setItem(ENDED_AT_KEY, new Date().toISOString());
	// What was sent for her with her consent leaves first, still under the agent's session.
	await sendPending().catch(() => undefined);
	if (!(await endOnServer())) localStorage.setItem(END_KEY, '1');
}

/** Called when the connection is back: ends a session left open by an offline "Terminer l'aide". */
export async function finishPendingEnd() {
	if (!browser || !localStorage.getItem(END_KEY)) return;
	if (await endOnServer()) localStorage.removeItem(END_KEY);
}
