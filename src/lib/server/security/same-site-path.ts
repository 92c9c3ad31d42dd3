/**
 * Where to send a person back after a form without JavaScript: the address she came from when it
 * is on this site, home otherwise (a crafted `next` must not lead her to another site).
 */
export function sameSitePath(next: unknown, origin: string): string {
	if (typeof next !== 'string' || next === '' || next.length > 2000) return '/';
	// An address that cannot be read (`http://[`) is not an error to log: she just goes home.
	const target = URL.canParse(next, origin) ? new URL(next, origin) : null;
	return target?.origin === origin ? target.pathname + target.search : '/';
}
