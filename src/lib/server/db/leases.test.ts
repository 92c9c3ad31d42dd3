import { afterEach, describe, expect, it } from 'vitest';
import { tempDatabase } from '$tests/support/temp-db';
import { releaseLease, renewLease, takeLease } from './leases';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 3, minute));
const HOUR = 3_600_000;

describe('leases on scheduled work', () => {
	it('go to one instance of many asking at once, and to another once they expire', async () => {
		const temp = await tempDatabase();
		close = temp.close;
		const { db } = temp;
		const instances = Array.from({ length: 8 }, (_, i) => `instance-${i}`);
		const first = await Promise.all(
			instances.map((holder) => takeLease(db, 'retention', at(0), HOUR, holder))
		);
		expect(first.filter(Boolean)).toHaveLength(1);
		const winner = instances[first.indexOf(true)]!;
		const other = instances.find((holder) => holder !== winner)!;

		// Still held: the others are refused, its holder too (done for now); it may renew it.
		expect(await takeLease(db, 'retention', at(30), HOUR, other)).toBe(false);
		expect(await takeLease(db, 'retention', at(30), HOUR, winner)).toBe(false);
		expect(await renewLease(db, 'retention', at(30), HOUR, other)).toBe(false);
		expect(await renewLease(db, 'retention', at(30), HOUR, winner)).toBe(true);
		// Its holder died: once its time is up, another takes it over.
		expect(await takeLease(db, 'retention', at(89), HOUR, other)).toBe(false);
		expect(await takeLease(db, 'retention', at(90), HOUR, other)).toBe(true);
		expect(await renewLease(db, 'retention', at(91), HOUR, winner)).toBe(false);
		// Given up: free at once. Another lease's name is another lease.
		await releaseLease(db, 'retention', other);
		expect(await takeLease(db, 'retention', at(91), HOUR, winner)).toBe(true);
		expect(await takeLease(db, 'notices', at(91), HOUR, other)).toBe(true);
	});
});
