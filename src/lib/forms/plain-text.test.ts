import { describe, expect, it } from 'vitest';
import { addressIssue, nameIssue, oneLine } from './plain-text';

describe('names and addresses written into the commune’s messages', () => {
	it('takes real names and addresses, accents, hyphens and apostrophes included', () => {
		for (const name of [
			'Berthe Lucas',
			'Marie-Thérèse D’Artagnan',
			"Jean O'Neil",
			'Nguyễn Thị Lan',
			'فاطمة الزهراء'
		])
			expect(nameIssue(name), name).toBeNull();
		for (const address of [
			'12 rue des Écoles, 87990 Val-de-Lierre',
			'Résidence Les Lilas, bât. B\n3 av. du Général-de-Gaulle\n87990 Val-de-Lierre',
			'Lieu-dit St.Martin'
		])
			expect(addressIssue(address), address).toBeNull();
	});

	it('refuses web addresses, line breaks in a name and hidden characters', () => {
		expect(nameIssue('Berthe https://paiement-amende.example')).toBe('noWebAddress');
		expect(nameIssue('Appelez www.rembourse-ameli')).toBe('noWebAddress');
		expect(nameIssue('Berthe, votre colis: bit.ly/3xYz')).toBe('noWebAddress');
		expect(addressIssue('12 rue X\nimpots-gouv.com/remboursement')).toBe('noWebAddress');
		expect(nameIssue('Berthe\n\nURGENT : rappelez le 0899 00 00 00')).toBe('oneLine');
		expect(addressIssue('1\n2\n3\n4\n5')).toBe('oneLine');
		expect(nameIssue('Berthe\u202eLucas')).toBe('noSpecialCharacters');
		expect(nameIssue('Berthe\u0007')).toBe('noSpecialCharacters');
		expect(nameIssue('Ber\u200bthe')).toBe('noSpecialCharacters');
	});

	it('writes an address on one line in messages', () => {
		expect(oneLine(' 3 av. du Général-de-Gaulle \r\n\n 87990 Val-de-Lierre ')).toBe(
			'3 av. du Général-de-Gaulle, 87990 Val-de-Lierre'
		);
	});
});
