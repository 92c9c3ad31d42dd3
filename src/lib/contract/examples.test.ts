import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MUTATION_TYPES, mutationContractSchema } from './outbox';
import { MUTATION_EXAMPLES } from './examples';
import { instant } from './primitives';

describe('the published mutations', () => {
	it.each(MUTATION_TYPES)('gives an example of %s that the server takes', (type) => {
		const parsed = v.safeParse(mutationContractSchema, MUTATION_EXAMPLES[type]);
		expect(parsed.issues ?? []).toEqual([]);
	});

	it('takes only real instants', () => {
		for (const bad of [
			'0073-49-63T10:00Z',
			'2026-02-31T10:00:00+01:00',
			'2026-12-06T24:00:00Z',
			'2026-12-06T10:00:00+25:00',
			'2026-12-06 10:00:00Z'
		])
			expect(v.is(instant, bad), bad).toBe(false);
		for (const good of ['2026-12-06T10:00Z', '2028-02-29T09:30:00.000+01:00'])
			expect(v.is(instant, good), good).toBe(true);
	});
});
