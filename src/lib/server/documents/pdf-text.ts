import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import bidiFactory from 'bidi-js';
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';

// Text in the dossier as she typed it, in any of the portal's languages: Latin letters in Noto
// Sans, Arabic in Noto Sans Arabic (its letters joined by fontkit's shaping), each line laid out
// in the order the Unicode bidirectional algorithm gives, and a paragraph that starts in Arabic
// set against the right margin.

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const bidi = bidiFactory();

/** The files of the four faces, read once per process (they come with their packages, OFL). */
let files: Promise<Uint8Array[]> | undefined;
function fontFiles() {
	const require = createRequire(import.meta.url);
	const file = (path: string) => readFile(require.resolve(`@expo-google-fonts/${path}`));
	files ??= Promise.all([
		file('noto-sans/400Regular/NotoSans_400Regular.ttf'),
		file('noto-sans/700Bold/NotoSans_700Bold.ttf'),
		file('noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf'),
		file('noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf')
	]);
	return files;
}

/** A piece of a line drawn with one font, in the order it is read on the page (left to right). */
export interface Run {
	text: string;
	font: PDFFont;
}

interface Face {
	latin: PDFFont;
	arabic: PDFFont;
}

/** The portal's type in one PDF: measures and draws mixed Latin and Arabic lines. */
export class Typeface {
	private constructor(
		private readonly regular: Face,
		private readonly bold: Face
	) {}

	/**
	 * Embeds the faces in `pdf`, the Arabic ones only when `sample`, all the text the file will
	 * hold, has an Arabic letter. Noto Sans whole (pdf-lib's subset of it lost most Latin letters,
	 * seen on a rendered page), Noto Sans Arabic as a subset (embedded whole, its joined letters
	 * were drawn at the wrong widths, overlapping — seen too).
	 */
	static async embed(pdf: PDFDocument, sample: string): Promise<Typeface> {
		const bytes = await fontFiles();
		const arabic = ARABIC.test(sample);
		const embed = (index: number) => pdf.embedFont(bytes[index]!, { subset: index >= 2 });
		const [latin, latinBold] = await Promise.all([embed(0), embed(1)]);
		const [arabicRegular, arabicBold] = arabic
			? await Promise.all([embed(2), embed(3)])
			: [latin, latinBold];
		return new Typeface({ latin, arabic: arabicRegular }, { latin: latinBold, arabic: arabicBold });
	}

	width(text: string, size: number, bold = false): number {
		return this.layout(text, bold).reduce(
			(sum, run) => sum + run.font.widthOfTextAtSize(run.text, size),
			0
		);
	}

	/**
	 * Draws one line at `y`: from `x`, or, when the line reads right to left, ending at
	 * `x + width` (the column's right edge).
	 */
	draw(
		page: PDFPage,
		text: string,
		options: { x: number; y: number; size: number; width: number; color: Color; bold?: boolean }
	) {
		const { size, color, y } = options;
		const runs = this.layout(text, options.bold ?? false);
		const total = runs.reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, size), 0);
		let x = rightToLeft(text) ? options.x + options.width - total : options.x;
		for (const run of runs) {
			page.drawText(run.text, { x, y, size, font: run.font, color });
			x += run.font.widthOfTextAtSize(run.text, size);
		}
	}

	/**
	 * The line cut into runs of one font and one direction, in visual order. A right-to-left run is
	 * given in its logical order: fontkit joins its letters and turns it itself. A left-to-right
	 * run in Arabic type (digits inside Arabic) would be turned too: it is given a glyph a run.
	 */
	layout(text: string, bold = false): Run[] {
		const face = bold ? this.bold : this.regular;
		const embedding = bidi.getEmbeddingLevels(text);
		const { levels } = embedding;
		// UTF-16 units, as the algorithm counts them.
		const order = Array.from({ length: text.length }, (_, index) => index);
		// Each segment is reversed in place, in the order given (UAX #9, rule L2).
		for (const [start, end] of bidi.getReorderSegments(text, embedding) as [number, number][]) {
			order.splice(start, end - start + 1, ...order.slice(start, end + 1).reverse());
		}
		const runs: { indices: number[]; font: PDFFont; rtl: boolean }[] = [];
		for (const index of order) {
			const font = ARABIC.test(text[index]!) ? face.arabic : face.latin;
			const rtl = levels[index]! % 2 === 1;
			const last = runs.at(-1);
			const previous = last?.indices.at(-1);
			const follows = previous !== undefined && previous + (rtl ? -1 : 1) === index;
			if (last && last.font === font && last.rtl === rtl && follows) last.indices.push(index);
			else runs.push({ indices: [index], font, rtl });
		}
		return runs.flatMap(({ indices, font, rtl }) => {
			if (rtl) {
				const logical = [...indices]
					.reverse()
					.map((i) => text[i])
					.join('');
				// fontkit turns a run only when it holds an Arabic letter; otherwise, turned here.
				return [{ text: ARABIC.test(logical) ? logical : [...logical].reverse().join(''), font }];
			}
			const visual = indices.map((i) => text[i]).join('');
			return font === face.arabic
				? [...visual].map((glyph) => ({ text: glyph, font }))
				: [{ text: visual, font }];
		});
	}
}

/** Whether a line's paragraph direction, from its first strong letter, is right to left. */
function rightToLeft(text: string): boolean {
	return bidi.getEmbeddingLevels(text).paragraphs[0]?.level === 1;
}
