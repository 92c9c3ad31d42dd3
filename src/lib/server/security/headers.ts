export { securityHeaders } from '../../../../server/security-headers.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

const isFormBody = (request: Request) => {
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	return FORM_TYPES.includes(type);
};

/**
 * Cross-site request forgery: a state-changing request that a browser sends with the staff
 * cookie must come from the portal's own pages, whatever its body. Requests without the cookie
 * (a device's outbox, with its key in a header no other site can set) are not at risk. Pages keep
 * SvelteKit's own rule too (a form post without an Origin is refused), which is switched off in
 * svelte.config.js so that this one check answers, in JSON, for every path.
 */
export function isForged(request: Request, url: URL, carriesCookie: boolean): boolean {
	if (SAFE_METHODS.has(request.method)) return false;
	const site = request.headers.get('sec-fetch-site');
	if (site && site !== 'same-origin' && site !== 'none') return true;
	const origin = request.headers.get('origin');
	if (origin) return origin !== url.origin;
	if (!url.pathname.startsWith('/api/') && isFormBody(request)) return true;
	return carriesCookie && !site;
}
