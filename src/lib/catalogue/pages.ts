// Long lists come a page at a time: a département's catalogue may hold hundreds of services under
// one theme, and a list of that length is neither drawn quickly on an old tablet nor read to the
// end by anyone. A page is short enough to read aloud, and links are easier to reach than a scroll.

export const PAGE_SIZE = 20;

export interface Paged<T> {
	items: T[];
	/** 1-based, within 1..pages. */
	page: number;
	pages: number;
	total: number;
}

/** Page `page` of `items`; a page past the end shows the last one, so an old link still works. */
export function pageOf<T>(items: T[], page: number, size = PAGE_SIZE): Paged<T> {
	const pages = Math.max(1, Math.ceil(items.length / size));
	const current = Math.min(Math.max(1, page), pages);
	return {
		items: items.slice((current - 1) * size, current * size),
		page: current,
		pages,
		total: items.length
	};
}

/** The page asked for in the address (`?page=3`); anything else is the first page. */
export function pageParam(value: string | null): number {
	return value !== null && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 1;
}
