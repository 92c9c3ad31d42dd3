import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions';

/** HttpOnly (no script reads it), SameSite=Lax, Secure whenever the portal is served over HTTPS. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expires: Date) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}
