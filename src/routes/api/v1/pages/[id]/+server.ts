import { handlePages } from '$lib/server/documents/pages-http';

// One page: where it stands (HEAD), its next bytes (PATCH), withdrawn before a request took it (DELETE).
export const HEAD = handlePages;
export const PATCH = handlePages;
export const DELETE = handlePages;
export const OPTIONS = handlePages;
