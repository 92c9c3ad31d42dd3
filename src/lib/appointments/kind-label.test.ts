import { describe, expect, it } from 'vitest';
import { kindLabel } from './kind-label';

describe('kindLabel', () => {
	it('says how it takes place only when the label does not', () => {
		expect(kindLabel('Par téléphone', 'Par téléphone')).toBe('Par téléphone');
		expect(kindLabel('Visite à domicile', 'À domicile')).toBe('Visite à domicile');
		expect(kindLabel('Au bureau du CCAS', 'Sur place')).toBe('Au bureau du CCAS (Sur place)');
	});
});
