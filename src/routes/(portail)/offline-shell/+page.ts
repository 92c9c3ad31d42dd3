// The page the service worker answers any navigation with when the network does not. It is not
// server-rendered: the browser boots the app on the address asked for and renders it from Dexie.
export const ssr = false;
export const prerender = true;
