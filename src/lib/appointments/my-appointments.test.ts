import { describe, expect, it } from 'vitest';
import { overlapping } from './my-appointments';

const at = (id: string, start: string, end: string, more: object = {}) => ({
	id,
	start: `2026-12-14T${start}:00+01:00`,
	end: `2026-12-14T${end}:00+01:00`,
	upcoming: true,
	cancelling: false,
	cancelledByTownHall: false,
	...more
});

describe('two of her appointments at the same time', () => {
	it('are both marked; one after the other, cancelled or past ones are not', () => {
		expect(
			overlapping([
				at('ccas', '09:00', '09:45'),
				at('numerique', '09:30', '10:30'),
				at('repit', '10:30', '11:00'),
				at('gone', '09:00', '10:00', { cancelledByTownHall: true }),
				at('leaving', '10:00', '11:00', { cancelling: true })
			])
		).toEqual(new Set(['ccas', 'numerique']));
		expect(overlapping([at('a', '09:00', '10:00'), at('b', '10:00', '11:00')])).toEqual(new Set());
	});
});
