/** Choices on this device are kept a year, in seconds (a cookie's `max-age`). */
export const CHOICE_MAX_AGE = 60 * 60 * 24 * 365;

export function cookieValue(name: string): string | undefined {
	return document.cookie
		.split('; ')
		.find((part) => part.startsWith(`${name}=`))
		?.slice(name.length + 1);
}

/** A year-long, site-wide cookie: the person's choices, read by the server for the first paint. */
export function saveCookie(name: string, value: string) {
	document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${CHOICE_MAX_AGE}; samesite=lax`;
}

/**
 * The same cookie written by the server, for the forms that work without JavaScript: readable by
 * the page's script too (not HttpOnly), since the device keeps the choice for offline starts.
 */
export const CHOICE_COOKIE = {
	path: '/',
	maxAge: CHOICE_MAX_AGE,
	sameSite: 'lax',
	httpOnly: false
} as const;
