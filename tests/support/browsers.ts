import { existsSync } from 'node:fs';

// Which Chromium the tests drive (Debian's packages; CHROMIUM_PATH and CHROMIUM_DESKTOP_PATH say
// otherwise). Read by the Playwright configurations and the specs that launch a browser of their own.

/**
 * The tests' browser: Debian's old headless shell — the same Blink, without the desktop browser
 * around it (the accessibility matrix took 3.3 min against 4.4, the whole suite ~14 % less,
 * measured); Chromium itself where the shell is not installed.
 */
const SHELL = '/usr/bin/chromium-headless-shell';
export const CHROMIUM =
	process.env.CHROMIUM_PATH ?? (existsSync(SHELL) ? SHELL : '/usr/bin/chromium');

/** The desktop browser, for what the shell lacks: showing a notification (notices.spec.ts). */
export const CHROMIUM_DESKTOP = process.env.CHROMIUM_DESKTOP_PATH ?? '/usr/bin/chromium';
