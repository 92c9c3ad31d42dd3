import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { Typeface, type Run } from './pdf-text';

async function typeface(sample: string) {
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	return { pdf, type: await Typeface.embed(pdf, sample) };
}

/** The glyphs a run is drawn with: none may be the font's "missing letter" box (glyph 0). */
const glyphs = (run: Run) => run.font.encodeText(run.text).asString().match(/.{4}/g) ?? [];
/**
 * The text moves (Td) drawn on `page` from now on, as [x, y] pairs, each batch of operators
 * starting again from the text's origin: one a glyph where glyphs are placed one by one.
 */
function textMoves(page: PDFPage): [number, number][][] {
	const batches: [number, number][][] = [];
	const push = page.pushOperators.bind(page);
	page.pushOperators = (...operators) => {
		const moves = operators.map(String).filter((op) => op.endsWith(' Td'));
		batches.push(moves.map((move) => move.split(' ').slice(0, 2).map(Number) as [number, number]));
		push(...operators);
	};
	return batches;
}

const script = (run: Run) => (/Arabic/.test(run.font.name) ? 'arabic' : 'latin');

describe('text in the dossier, in any of her alphabets', () => {
	it('draws Arabic with a font that has its letters, and French with Noto Sans', async () => {
		const line = 'Mme Fatima الزهراء (née 1942)';
		const { type } = await typeface(line);
		const runs = type.layout(line);
		expect(runs.map(script)).toEqual(['latin', 'arabic', 'latin']);
		expect(runs.map((r) => r.text.trim())).toEqual(['Mme Fatima', 'الزهراء', '(née 1942)']);
		for (const run of runs) expect(glyphs(run)).not.toContain('0000');
		// What the dossier printed before: her name in Noto Sans alone, a box for each letter.
		expect(glyphs({ text: 'الزهراء', font: runs[0]!.font })).toContain('0000');
	});

	it('lays a line that starts in Arabic from right to left, its numbers still read left to right', async () => {
		const line = '12 شارع الجمهورية، الطابق ٣';
		const { type } = await typeface(line);
		const runs = type.layout(line);
		// Left to right on the page: the floor's digit, the words, then the street number.
		expect(runs[0]).toMatchObject({ text: '٣' });
		expect(runs.at(-1)?.text.trim()).toBe('12');
		expect(runs.map((r) => r.text).join('')).toHaveLength(line.length);
		for (const run of runs) expect(glyphs(run)).not.toContain('0000');
	});

	it('turns brackets that stand in right-to-left text, so that each still faces its words', async () => {
		const line = 'فاطمة (الأم) [ابنة] تعيش هنا';
		const { type } = await typeface(line);
		// On the page, from the left: "…]ابنة[ (الأم) فاطمة" read from the right. The bracket drawn
		// left of a word must open toward it, as in French: the closing one, mirrored.
		const shown = type
			.layout(line)
			.map((r) => r.text)
			.join('');
		expect(shown.indexOf('[')).toBeLessThan(shown.indexOf(']'));
		expect(shown.indexOf('(')).toBeLessThan(shown.indexOf(')'));
		expect(shown.indexOf(']')).toBeLessThan(shown.indexOf('('));
	});

	it('sets a right-to-left line against the right margin, a French one against the left', async () => {
		const { pdf, type } = await typeface('محمد بن علي');
		const page = pdf.addPage([400, 200]);
		const batches = textMoves(page);
		const drawn: number[] = [];
		const drawText = page.drawText.bind(page);
		page.drawText = (text, options) => {
			drawn.push(options?.x ?? 0);
			drawText(text, options);
		};
		const at = { x: 50, size: 12, width: 300, color: rgb(0, 0, 0) };
		type.draw(page, 'محمد بن علي', { ...at, y: 150 });
		const width = type.width('محمد بن علي', 12);
		// Where each glyph starts: Td moves add up from the text's origin.
		const starts = batches.flatMap((moves) => {
			let x = 0;
			return moves.map(([dx]) => (x += dx));
		});
		expect(Math.min(...starts)).toBeCloseTo(50 + 300 - width, 0);
		expect(Math.max(...starts)).toBeLessThan(350);
		drawn.length = 0;
		type.draw(page, 'Nom et prénom', { ...at, y: 120 });
		expect(drawn).toEqual([50]);
	});

	it('places the dots of a final yā’ under their letter, as fontkit shapes it', async () => {
		const { pdf, type } = await typeface('علي');
		const page = pdf.addPage([400, 200]);
		const batches = textMoves(page);
		type.draw(page, 'علي', { x: 50, y: 100, size: 20, width: 300, color: rgb(0, 0, 0) });
		// One move a glyph, and at least one of them off the baseline: a mark set where it belongs.
		const moves = batches.flat();
		expect(moves.length).toBeGreaterThan(3);
		expect(moves.some(([, dy]) => dy !== 0)).toBe(true);
	});

	it('embeds the Arabic faces only in a file that has Arabic in it', async () => {
		const french = await typeface('Nom et prénom : Jeanne Martin');
		french.type.draw(french.pdf.addPage(), 'Jeanne Martin', {
			x: 50,
			y: 50,
			size: 12,
			width: 300,
			color: rgb(0, 0, 0)
		});
		const bytes = Buffer.from(await french.pdf.save({ useObjectStreams: false }));
		expect(bytes.includes('NotoSansArabic')).toBe(false);
		expect(bytes.includes('NotoSans')).toBe(true);
	});
});
