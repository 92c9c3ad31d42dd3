import { describe, expect, it } from 'vitest';
import { pageOf, pageParam } from './pages';

describe('pages of a long list', () => {
	const items = Array.from({ length: 45 }, (_, i) => i);

	it('cuts the list in pages of 20, the last one shorter', () => {
		expect(pageOf(items, 1)).toMatchObject({ page: 1, pages: 3, total: 45 });
		expect(pageOf(items, 1).items).toEqual(items.slice(0, 20));
		expect(pageOf(items, 3).items).toEqual([40, 41, 42, 43, 44]);
	});

	it('shows the last page for a number past the end, and one empty page for no items', () => {
		expect(pageOf(items, 9)).toMatchObject({ page: 3, items: [40, 41, 42, 43, 44] });
		expect(pageOf([], 2)).toEqual({ items: [], page: 1, pages: 1, total: 0 });
	});

	it('reads only a plain page number from the address', () => {
		expect(pageParam('2')).toBe(2);
		for (const odd of [null, '', '0', '-1', '1.5', '2e3', 'abc', '9999999']) {
			expect(pageParam(odd)).toBe(1);
		}
	});
});
