import { describe, expect, it } from 'vitest';
import { dayInSentence, dayLabel, timeLabel, whenInSentence, whenLabel } from './format';

// 1 December 2026, 09:20 and 14:00 in Paris (UTC+1 in winter).
const morning = '2026-12-01T08:20:00Z';
const afternoon = '2026-12-01T13:00:00Z';

describe('appointment times in words', () => {
	it('writes French times as French public services do', () => {
		expect(timeLabel(morning, 'fr')).toBe('9\u00a0h\u00a020');
		expect(timeLabel(afternoon, 'fr')).toBe('14\u00a0h');
		expect(timeLabel(morning, 'fr-x-falc')).toBe('9\u00a0h\u00a020');
		expect(whenLabel(morning, 'fr')).toBe('Mardi 1 décembre 2026 à 9\u00a0h\u00a020');
		// Inside a sentence, as each language writes it there.
		expect(whenInSentence(morning, 'fr')).toBe('mardi 1 décembre 2026 à 9\u00a0h\u00a020');
		expect(whenInSentence(morning, 'en')).toMatch(/^Tuesday, December 1/);
		expect(dayInSentence(morning, 'es')).toMatch(/^martes/);
	});

	it('keeps the usual form of other languages', () => {
		expect(timeLabel(morning, 'en')).toMatch(/^9:20\sAM$/);
		expect(whenLabel(morning, 'en')).toMatch(/^Tuesday, December 1, 2026 at 9:20\sAM$/);
		expect(timeLabel(afternoon, 'es')).toBe('14:00');
	});

	it('starts every day with a capital, in every language that has them', () => {
		for (const lang of ['fr', 'en', 'es', 'pt']) {
			const day = dayLabel(morning, lang);
			expect(day.charAt(0)).toBe(day.charAt(0).toLocaleUpperCase(lang));
			expect(whenLabel(morning, lang).charAt(0)).toBe(day.charAt(0));
		}
		expect(dayLabel(morning, 'fr')).toBe('Mardi 1 décembre');
	});
});
