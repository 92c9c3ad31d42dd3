import {
	DISPLAY_KEY,
	displayAttributes,
	parseDisplay,
	serializeDisplay,
	type DisplaySettings
} from './display';
import { cookieValue, saveCookie } from './cookies';

/** The display settings of this device, readable offline. */
export function readDisplayChoice(): DisplaySettings {
	let stored: string | null = null;
	try {
		stored = localStorage.getItem(DISPLAY_KEY);
	} catch {
		// Storage refused: the cookie still holds the choice.
	}
	return parseDisplay(stored ?? cookieValue(DISPLAY_KEY));
}

/** Applies at once, then keeps the choice for the server's next first paint and offline starts. */
export function saveDisplayChoice(settings: DisplaySettings) {
	applyDisplay(settings);
	const value = serializeDisplay(settings);
	try {
		localStorage.setItem(DISPLAY_KEY, value);
	} catch {
		// Storage refused: the cookie alone keeps it.
	}
	saveCookie(DISPLAY_KEY, value);
}

export function applyDisplay(settings: DisplaySettings) {
	for (const [name, value] of Object.entries(displayAttributes(settings))) {
		document.documentElement.setAttribute(name, value);
	}
}
