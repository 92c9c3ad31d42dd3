// The bare page the portal is compared with (npm run bench): SvelteKit 2 with adapter-node, one
// route, a service worker and Dexie, and nothing else. Built from the portal's own node_modules.
import adapter from '@sveltejs/adapter-node';

export default {
	kit: { adapter: adapter({ out: 'build' }) }
};
