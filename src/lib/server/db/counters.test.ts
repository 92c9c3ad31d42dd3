import { afterEach, describe, expect, it } from 'vitest';
import { tempDatabase } from '$tests/support/temp-db';
import { currentVersion, reserveVersions } from './counters';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('change counters', () => {
	it('reserves consecutive ranges, starting a counter at 1, however calls interleave', async () => {
		const temp = await tempDatabase();
		close = temp.close;
		const { db } = temp;
		const reserve = (count: number) =>
			db.transaction().execute((trx) => reserveVersions(trx, 'bench-counter', count));
		const starts = await Promise.all([reserve(1), reserve(3), reserve(2), reserve(1)]);
		// Each call got its own range: together they cover 1..7 with no overlap and no gap.
		const taken = starts.flatMap((start, i) =>
			Array.from({ length: [1, 3, 2, 1][i]! }, (_, k) => start + k)
		);
		expect(taken.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(await currentVersion(db, 'bench-counter')).toBe(7);
	});
});
