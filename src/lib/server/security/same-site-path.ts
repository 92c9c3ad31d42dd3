/**
 * Where to send a person back after a form without JavaScript: the address she came from when it
 * is on this site, home otherwise (a crafted `next` must not lead her to another site).
 */
export function sameSitePath(next: unknown, origin: string): string {
	if (typeof next !== 'string' || next === '') return '/';
	const target = new URL(next, origin);
	return target.origin === origin ? target.pathname + target.search : '/';
}
