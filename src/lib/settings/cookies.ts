const YEAR = 60 * 60 * 24 * 365;

export function cookieValue(name: string): string | undefined {
	return document.cookie
		.split('; ')
		.find((part) => part.startsWith(`${name}=`))
		?.slice(name.length + 1);
}

/** A year-long, site-wide cookie: the person's choices, read by the server for the first paint. */
export function saveCookie(name: string, value: string) {
	document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${YEAR}; samesite=lax`;
}
