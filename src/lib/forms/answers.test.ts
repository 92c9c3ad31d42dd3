import { describe, expect, it } from 'vitest';
import { normalizeAnswers } from './answers';
import type { FormField } from './types';
import { validateStep } from './validate';

const amount: FormField = {
	name: 'revenus',
	type: 'number',
	label: { fr: 'Revenus' },
	required: true,
	min: 0
};

describe('an amount as she writes it', () => {
	it('reads thousands apart and the euro sign, and keeps what it cannot read for the check', () => {
		const read = (typed: string) => normalizeAnswers([amount], { revenus: typed }).revenus;
		expect(read('1 200 €')).toBe('1200');
		expect(read('1\u00a0200,50 euros')).toBe('1200,50');
		expect(read('12\u202f000')).toBe('12000');
		expect(read(' 850€ ')).toBe('850');
		expect(read('1 2 3')).toBe('1 2 3');
		expect(read('mille')).toBe('mille');
		const step = { title: { fr: 'Vos ressources' }, fields: [amount] };
		expect(
			validateStep(step, normalizeAnswers([amount], { revenus: '1 200 €' }), '2026-12-06')
		).toEqual([]);
		expect(
			validateStep(step, normalizeAnswers([amount], { revenus: '1 2 3' }), '2026-12-06')[0]?.code
		).toBe('notANumber');
	});
});
