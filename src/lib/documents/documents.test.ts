import { describe, expect, it } from 'vitest';
import type { FormField } from '$lib/forms/types';
import { validateAnswers } from '$lib/forms/validate';
import { pagesNamed } from './in-answers';
import { kindOf } from './page-prepare';
import { formOf } from '$tests/support/fixtures';

const today = '2026-12-06';
const page = (n: number) => ({
	id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	sha256: 'a'.repeat(64),
	size: 120_000,
	type: 'image/jpeg' as const
});
const doc = (name: string, required = true): FormField => ({
	name,
	type: 'document',
	label: { fr: name },
	required
});
const form = formOf([
	{ title: { fr: 'Vous' }, fields: [doc('identite'), doc('avis', false)] },
	{
		title: { fr: 'Foyer' },
		repeat: { name: 'foyer', min: 0, max: 4, itemTitle: { fr: 'P' }, addLabel: { fr: '+' } },
		fields: [doc('piece')]
	}
]);

describe('a document question', () => {
	it('tells a photo, a PNG, a PDF and a HEIC photo by their first bytes, not their names', () => {
		const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);
		expect(kindOf(bytes(0xff, 0xd8, 0xff, 0xe1))).toBe('jpeg');
		expect(kindOf(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
		expect(kindOf(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ'))).toBe('pdf');
		expect(kindOf(new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypheic')]))).toBe(
			'heic'
		);
		expect(kindOf(new TextEncoder().encode('<script>alert(1)'))).toBeNull();
	});

	it('wants a page when it is required, ten at most, each named by id and hash', () => {
		const check = (answers: object) => validateAnswers(form, answers, today).issues;
		expect(check({ identite: { pages: [] }, foyer: [] })).toEqual([
			{ field: 'identite', code: 'documentRequired' }
		]);
		const eleven = Array.from({ length: 11 }, (_, i) => page(i));
		expect(check({ identite: { pages: eleven }, foyer: [] })).toEqual([
			{ field: 'identite', code: 'documentTooManyPages' }
		]);
		expect(check({ identite: { pages: [{ ...page(1), sha256: 'x' }] }, foyer: [] })).toEqual([
			{ field: 'identite', code: 'invalidFormat' }
		]);
		expect(check({ identite: { pages: [page(1)] }, avis: 'avis.pdf', foyer: [] })).toEqual([
			{ field: 'avis', code: 'invalidFormat' }
		]);
		expect(check({ identite: { pages: [page(1)] }, foyer: [] })).toEqual([]);
	});

	it('keeps a request’s papers within its limits, naming the question that goes past them', () => {
		const check = (answers: object) => validateAnswers(form, answers, today).issues;
		const heavy = (n: number) => ({ ...page(n), size: 9 * 1024 * 1024 });
		const five = (from: number) => Array.from({ length: 5 }, (_, i) => heavy(from + i));
		// 90 MB in all: the household person's document is where it goes past 80.
		expect(
			check({
				identite: { pages: five(0) },
				avis: { pages: [] },
				foyer: [{ piece: { pages: five(10) } }]
			})
		).toEqual([{ field: 'foyer.0.piece', code: 'requestTooManyPages', count: 80 }]);
		// Sixty light pages (all this form can hold): within both limits.
		const ten = (from: number) => Array.from({ length: 10 }, (_, i) => page(from + i));
		const foyer = Array.from({ length: 4 }, (_, m) => ({ piece: { pages: ten(100 + m * 10) } }));
		expect(check({ identite: { pages: ten(0) }, avis: { pages: ten(20) }, foyer })).toEqual([]);
	});

	it('lists every page her answers name, a household person’s too, with its question', () => {
		const answers = {
			identite: { pages: [page(1), page(2)] },
			foyer: [{ piece: { pages: [] } }, { piece: { pages: [page(3)] } }]
		};
		expect(pagesNamed(answers).map((p) => [p.field, p.page.id.slice(-1)])).toEqual([
			['identite', '1'],
			['identite', '2'],
			['foyer.1.piece', '3']
		]);
	});
});
