import { describe, expect, it } from 'vitest';
import { channelIssues, mobileNumber } from './choice';
import { smsCountries, smsDestination } from './destinations';

describe('where an SMS may go', () => {
	const france = smsCountries(undefined);

	it('takes French mobiles, mainland and overseas, in the form the provider takes', () => {
		expect(smsDestination('06 12 34 56 78', france)).toEqual({ number: '33612345678' });
		expect(smsDestination('07 45 00 00 00', france)).toEqual({ number: '33745000000' });
		expect(smsDestination('0690 12 34 56', france)).toEqual({ number: '590690123456' });
		expect(smsDestination('+262 692 12 34 56', france)).toEqual({ number: '262692123456' });
	});

	it('refuses what is no mobile: a landline, an unallocated 07 range', () => {
		expect(smsDestination('01 23 45 67 89', france)).toEqual({ refused: 'notMobile' });
		expect(smsDestination('07 10 22 33 44', france)).toEqual({ refused: 'notMobile' });
	});

	it('leaves the country to the server: the tablet does not know SMS_COUNTRIES', () => {
		expect(smsDestination('+1 268 464 1234', france)).toEqual({ refused: 'country' });
		expect(smsDestination('+1 268 464 1234', smsCountries('AG'))).toEqual({
			number: '12684641234'
		});
		expect(mobileNumber('+1 268 464 1234')).toBe('12684641234');
	});

	it('the tablet says "not a mobile" at once, where the server would refuse the booking', () => {
		for (const phone of ['07 10 22 33 44', '07 29 22 33 44', '01 23 45 67 89']) {
			expect(mobileNumber(phone)).toBeNull();
			expect(channelIssues(['sms'], { phone })).toEqual([{ field: 'phone', code: 'mobileNeeded' }]);
		}
		expect(channelIssues(['sms'], { phone: '07 30 22 33 44' })).toEqual([]);
	});
});
