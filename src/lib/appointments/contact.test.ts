import { describe, expect, it } from 'vitest';
import { offerEmail } from './contact';

describe('offerEmail', () => {
	it('ticks the e-mail once the address looks complete, and unticks it when cleared', () => {
		expect(offerEmail(undefined, 'berthe@exem')).toEqual([]);
		expect(offerEmail(['sms'], 'berthe@exemple.fr')).toEqual(['email', 'sms']);
		expect(offerEmail(['email', 'sms'], '')).toEqual(['sms']);
	});
});
