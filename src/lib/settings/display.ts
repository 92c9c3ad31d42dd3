/**
 * The person's display settings. Kept in one short cookie (so the server paints the first frame
 * with them) and in localStorage under the same name (so the offline shell's head script does too).
 * `static/display.js` reads the same format before the first paint: keep the two in step.
 */
export const TEXT_SIZES = ['100', '125', '150', '200'] as const;
export const CONTRASTS = ['standard', 'reinforced', 'dark'] as const;
export const SPACINGS = ['normal', 'wide'] as const;
export const MOTIONS = ['auto', 'reduce'] as const;

export type TextSize = (typeof TEXT_SIZES)[number];
export type Contrast = (typeof CONTRASTS)[number];

export interface DisplaySettings {
	text: TextSize;
	contrast: Contrast;
	spacing: (typeof SPACINGS)[number];
	motion: (typeof MOTIONS)[number];
}

export const DISPLAY_KEY = 'display';
export const DEFAULT_DISPLAY: DisplaySettings = {
	text: '100',
	contrast: 'standard',
	spacing: 'normal',
	motion: 'auto'
};

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
	return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Reads a stored value; anything unknown falls back to the default, one setting at a time. */
export function parseDisplay(raw: string | null | undefined): DisplaySettings {
	const [text, contrast, spacing, motion] = (raw ?? '').split('.');
	return {
		text: oneOf(TEXT_SIZES, text, DEFAULT_DISPLAY.text),
		contrast: oneOf(CONTRASTS, contrast, DEFAULT_DISPLAY.contrast),
		spacing: oneOf(SPACINGS, spacing, DEFAULT_DISPLAY.spacing),
		motion: oneOf(MOTIONS, motion, DEFAULT_DISPLAY.motion)
	};
}

export function serializeDisplay(settings: DisplaySettings): string {
	return [settings.text, settings.contrast, settings.spacing, settings.motion].join('.');
}

/** The `<html>` attributes the stylesheet keys on. */
export function displayAttributes(settings: DisplaySettings): Record<string, string> {
	return {
		'data-text': settings.text,
		'data-contrast': settings.contrast,
		'data-spacing': settings.spacing,
		'data-motion': settings.motion
	};
}

/** The same attributes as markup, for the server's `<html>` tag. */
export function displayAttributeMarkup(settings: DisplaySettings): string {
	return Object.entries(displayAttributes(settings))
		.map(([name, value]) => `${name}="${value}"`)
		.join(' ');
}
