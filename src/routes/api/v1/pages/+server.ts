import { handlePages } from '$lib/server/documents/pages-http';

// A new page of her papers (tus creation, with or without its first bytes).
export const POST = handlePages;
export const OPTIONS = handlePages;
