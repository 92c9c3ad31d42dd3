import { browser } from '$app/environment';

let hydrated = false;

/** Called once the root layout has mounted: from then on pages read the device's store. */
export function markHydrated() {
	hydrated = true;
}

/**
 * True while the browser is taking over a server-rendered page: loads then reuse the answers the
 * server inlined into the HTML, so the first render matches what is on screen. The offline shell
 * is not server-rendered, so it has no `#main` yet and reads the device's store from the start.
 */
export function isHydrating(): boolean {
	return browser && !hydrated && document.getElementById('main') !== null;
}

/** Where a load should read from: the API (server, hydration) or the device's store. */
export function readsFromDevice(): boolean {
	return browser && !isHydrating();
}
