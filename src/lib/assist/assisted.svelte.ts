import { browser } from '$app/environment';

// Assisted mode on the senior's tablet: an agent signed in beside her. The session itself is an
// HttpOnly cookie the page cannot read; the device keeps only the agent's name for the banner,
// and, when "Terminer l'aide" was pressed offline, a note to end the session once back online.
const AGENT_KEY = 'portail.assist.agent';
const END_KEY = 'portail.assist.end-pending';
export const END_PATH = '/pro/deconnexion';

class Assist {
	agentName = $state<string | null>(null);
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
 * a name, or null when no agent's session is open any more), else keeps what the device knows.
 * A session that "Terminer l'aide" ended offline is still open on the server until the end is
 * sent: it does not come back, unless an agent has just signed in anew (`started`).
 */
export function syncAssist(fromServer: string | null | undefined, started = false) {
	if (!browser) return;
	const endPending = Boolean(localStorage.getItem(END_KEY));
	if (fromServer && (started || !endPending)) {
		localStorage.setItem(AGENT_KEY, fromServer);
		localStorage.removeItem(END_KEY);
	} else if (fromServer === null) {
		localStorage.removeItem(AGENT_KEY);
	}
	assist.agentName = read();
}

/** Every staff datum the device may hold. The senior's drafts, details and outbox stay. */
export function wipeStaffData() {
	localStorage.removeItem(AGENT_KEY);
	assist.agentName = null;
}

async function endOnServer(): Promise<boolean> {
	try {
		const body = new FormData();
		body.set('scope', 'assisted');
		// The answer is a redirect whose Set-Cookie removes the session cookie.
		const response = await fetch(END_PATH, { method: 'POST', body, redirect: 'manual' });
		return response.type === 'opaqueredirect' || response.ok;
	} catch {
		return false;
	}
}

/** "Terminer l'aide": the device forgets the agent at once; the server, now or once online. */
export async function endAssist(sendPending: () => Promise<unknown>) {
	wipeStaffData();
	// What was sent for her with her consent leaves first, still under the agent's session.
	await sendPending().catch(() => undefined);
	if (!(await endOnServer())) localStorage.setItem(END_KEY, '1');
}

/** Called when the connection is back: ends a session left open by an offline "Terminer l'aide". */
export async function finishPendingEnd() {
	if (!browser || !localStorage.getItem(END_KEY)) return;
	if (await endOnServer()) localStorage.removeItem(END_KEY);
}
