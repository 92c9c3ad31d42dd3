// Plain JavaScript, so that both the portal's own server (server/index.js, which serves the
// static files and the offline shell before SvelteKit sees them) and the SvelteKit hooks use this
// one list.

/**
 * Headers every answer carries. The content security policy itself is SvelteKit's (`kit.csp` in
 * svelte.config.js), which can hash or sign the inline script it writes into each page.
 * @param {boolean} https whether the portal is reached over HTTPS
 * @returns {Record<string, string>}
 */
export function securityHeaders(https) {
	/** @type {Record<string, string>} */
	const headers = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin',
		'x-frame-options': 'DENY',
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-resource-policy': 'same-origin',
		// Read-aloud uses speech synthesis only; nothing needs the camera, microphone or location.
		'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
	};
	if (https) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	return headers;
}
