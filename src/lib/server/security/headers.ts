/**
 * Headers every answer carries. The content security policy itself is SvelteKit's (`kit.csp` in
 * svelte.config.js), which can hash or sign the inline script it writes into each page.
 */
export function securityHeaders(url: URL): Record<string, string> {
	const headers: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin',
		'x-frame-options': 'DENY',
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-resource-policy': 'same-origin',
		// Read-aloud uses speech synthesis only; nothing needs the camera, microphone or location.
		'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
	};
	if (url.protocol === 'https:') {
		headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	}
	return headers;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: a state-changing request that a browser sends with the staff
 * cookie must come from the portal's own pages. SvelteKit checks form posts only; this covers JSON
 * and every other body too. Requests without the cookie (a device's outbox, with its key in a
 * header no other site can set) are not at risk.
 */
export function isForged(request: Request, url: URL, carriesCookie: boolean): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	const site = request.headers.get('sec-fetch-site');
	if (site && site !== 'same-origin' && site !== 'none') return true;
	const origin = request.headers.get('origin');
	if (origin) return origin !== url.origin;
	return carriesCookie && !site;
}
