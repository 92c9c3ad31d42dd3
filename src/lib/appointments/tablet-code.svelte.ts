import { API, answerOf } from '$lib/contract/client';
import { tabletCodeSchema } from '$lib/contract/devices';
import { portalDb } from '$lib/offline/db';
import { deviceKey } from '$lib/offline/device-key';
import { refreshRecords } from '$lib/offline/sync-engine';

export type TabletCodeState =
	| { kind: 'none' | 'expired' | 'offline' | 'tooMany' | 'failed' }
	| { kind: 'shown'; code: string; expiresAt: string };

/** While a code is shown, her list is asked again this often: the agent's booking shows at once. */
const WATCH_MS = 4_000;

const appointmentIds = async () =>
	(await portalDb().records.where('kind').equals('appointment').primaryKeys()).map(String);

/**
 * "Le code de ma tablette" (server: devices/tablet-code.ts): asks the town hall for a code, shows
 * it until it expires, and meanwhile watches for the appointment an agent books with it, so she
 * sees it arrive while still on the phone. Call `stop` when the page goes.
 */
export class TabletCode {
	state = $state<TabletCodeState>({ kind: 'none' });
	/** An appointment came to the tablet since the code was shown (booked with it, most likely). */
	arrived = $state(false);
	#timer: ReturnType<typeof setInterval> | undefined;
	#known: string[] = [];

	async ask() {
		this.stop();
		this.arrived = false;
		const db = portalDb();
		let response: Response;
		try {
			response = await fetch(API.tabletCode, {
				method: 'POST',
				headers: { authorization: `Device ${await deviceKey(db)}` },
				cache: 'no-store'
			});
		} catch {
			this.state = { kind: 'offline' };
			return;
		}
		if (!response.ok) {
			this.state = { kind: response.status === 429 ? 'tooMany' : 'failed' };
			return;
		}
		const issued = await answerOf(response, tabletCodeSchema);
		this.#known = await appointmentIds();
		this.state = { kind: 'shown', ...issued };
		this.#timer = setInterval(() => void this.#watch(issued.expiresAt), WATCH_MS);
	}

	async #watch(expiresAt: string) {
		if (Date.now() >= Date.parse(expiresAt)) {
			this.stop();
			this.state = { kind: 'expired' };
			return;
		}
		await refreshRecords();
		const now = await appointmentIds();
		if (now.some((id) => !this.#known.includes(id))) this.arrived = true;
	}

	stop() {
		clearInterval(this.#timer);
		this.#timer = undefined;
	}
}
