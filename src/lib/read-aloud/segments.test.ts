import { describe, expect, it } from 'vitest';
import { sentences } from './segments';

describe('what the read-aloud says in one breath', () => {
	it('reads an e-mail or web address whole, not cut at its dots', () => {
		expect(
			sentences('Écrivez à repas@val-de-lierre.example. Ou voyez www.service-public.fr aussi.')
		).toEqual(['Écrivez à repas@val-de-lierre.example.', 'Ou voyez www.service-public.fr aussi.']);
	});

	it('still cuts between sentences, in Arabic too', () => {
		expect(sentences('Bonjour. Ça va ? Oui : merci.')).toEqual([
			'Bonjour.',
			'Ça va ?',
			'Oui :',
			'merci.'
		]);
		expect(sentences('مرحبا؟ شكرا.')).toEqual(['مرحبا؟', 'شكرا.']);
	});

	it('never cuts a long piece inside a phone number', () => {
		const phone = '05 36 49 10 00';
		const long = `${'mot '.repeat(53)}le ${phone} pour tout savoir`;
		const pieces = sentences(long);
		expect(pieces.length).toBeGreaterThan(1);
		expect(pieces.every((p) => p.length <= 220)).toBe(true);
		expect(pieces.some((p) => p.includes(phone))).toBe(true);
	});
});
