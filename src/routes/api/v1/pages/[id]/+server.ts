import { handlePages, ownPage } from '$lib/server/documents/pages-http';

// One page: where it stands (HEAD), its next bytes (PATCH), withdrawn before a request took it
// (DELETE), and back to the tablet that sent it once the town hall holds it (GET).
export const GET = ownPage;
export const HEAD = handlePages;
export const PATCH = handlePages;
export const DELETE = handlePages;
export const OPTIONS = handlePages;
