import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit, { type Font } from '@pdf-lib/fontkit';
import bidiFactory from 'bidi-js';
import {
	beginText,
	endText,
	moveText,
	PDFHexString,
	popGraphicsState,
	pushGraphicsState,
	setFillingColor,
	setFontAndSize,
	showText,
	type Color,
	type PDFDocument,
	type PDFFont,
	type PDFPage
} from 'pdf-lib';

// Text in the dossier as she typed it, in any of the portal's languages: Latin letters in Noto
// Sans, Arabic in Noto Sans Arabic (its letters joined by fontkit's shaping), each line laid out
// in the order the Unicode bidirectional algorithm gives, and a paragraph that starts in Arabic
// set against the right margin.

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
/** Letters written right to left: Hebrew and Arabic, with their presentation forms. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const bidi = bidiFactory();

/** The faces, as their packages ship them (OFL), and whether pdf-lib may embed a subset. */
const FACES = {
	// Whole: pdf-lib's subset of Noto Sans lost most Latin letters (seen on a rendered page).
	latin: { path: 'noto-sans/400Regular/NotoSans_400Regular.ttf', subset: false },
	latinBold: { path: 'noto-sans/700Bold/NotoSans_700Bold.ttf', subset: false },
	// A subset: embedded whole, its joined letters were drawn at the wrong widths (seen too).
	arabic: { path: 'noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf', subset: true },
	arabicBold: { path: 'noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf', subset: true }
};
type FaceName = keyof typeof FACES;

/** The faces' bytes, and the Arabic ones read by fontkit for shaping: once per process. */
let loaded: Promise<{ bytes: Record<FaceName, Uint8Array>; shapers: [Font, Font] }> | undefined;
function faces() {
	const require = createRequire(import.meta.url);
	const file = (name: FaceName) =>
		readFile(require.resolve(`@expo-google-fonts/${FACES[name].path}`));
	loaded ??= (async () => {
		const [latin, latinBold, arabic, arabicBold] = await Promise.all(
			(['latin', 'latinBold', 'arabic', 'arabicBold'] as const).map(file)
		);
		return {
			bytes: { latin: latin!, latinBold: latinBold!, arabic: arabic!, arabicBold: arabicBold! },
			shapers: [fontkit.create(arabic!), fontkit.create(arabicBold!)]
		};
	})();
	return loaded;
}

/** A piece of a line drawn with one font, in the order it is read on the page (left to right). */
export interface Run {
	text: string;
	font: PDFFont;
	/** Arabic letters: placed glyph by glyph where fontkit's shaping puts them (see `drawShaped`). */
	shaper?: Font;
}

interface Face {
	latin: PDFFont;
	arabic: PDFFont;
	/** The Arabic face read by fontkit, for the positions of its joined letters and their marks. */
	shaper?: Font;
}

/** The portal's type in one PDF: measures and draws mixed Latin and Arabic lines. */
export class Typeface {
	private constructor(
		private readonly regular: Face,
		private readonly bold: Face
	) {}

	/**
	 * Embeds the faces in `pdf`, the Arabic ones only when `sample`, all the text the file will
	 * hold, has an Arabic letter (a French file stays its size).
	 */
	static async embed(pdf: PDFDocument, sample: string): Promise<Typeface> {
		const { bytes, shapers } = await faces();
		const embed = (name: FaceName) => pdf.embedFont(bytes[name], { subset: FACES[name].subset });
		const [latin, latinBold] = await Promise.all([embed('latin'), embed('latinBold')]);
		if (!ARABIC.test(sample)) {
			return new Typeface({ latin, arabic: latin }, { latin: latinBold, arabic: latinBold });
		}
		const [arabic, arabicBold] = await Promise.all([embed('arabic'), embed('arabicBold')]);
		return new Typeface(
			{ latin, arabic, shaper: shapers[0] },
			{ latin: latinBold, arabic: arabicBold, shaper: shapers[1] }
		);
	}

	width(text: string, size: number, bold = false): number {
		return this.line(text, bold).runs.reduce((sum, run) => sum + advance(run, size), 0);
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
		const { runs, rightToLeft } = this.line(text, options.bold ?? false);
		const advances = runs.map((run) => advance(run, size));
		const total = advances.reduce((sum, a) => sum + a, 0);
		let x = rightToLeft ? options.x + options.width - total : options.x;
		runs.forEach((run, index) => {
			if (run.shaper) drawShaped(page, run, run.shaper, { x, y, size, color });
			else page.drawText(run.text, { x, y, size, font: run.font, color });
			x += advances[index]!;
		});
	}

	layout(text: string, bold = false): Run[] {
		return this.line(text, bold).runs;
	}

	/**
	 * The line cut into runs of one font and one direction, in visual order. A right-to-left run is
	 * given in its logical order: fontkit joins its letters and turns it itself. A left-to-right
	 * run in Arabic type (digits inside Arabic) would be turned too: it is given a glyph a run.
	 * A line with no right-to-left letter (most of a French file) is one run, as typed: the
	 * algorithm would only give it back in its order, at twice the cost of measuring it.
	 */
	private line(text: string, bold: boolean): { runs: Run[]; rightToLeft: boolean } {
		const face = bold ? this.bold : this.regular;
		if (!RIGHT_TO_LEFT.test(text))
			return { runs: [{ text, font: face.latin }], rightToLeft: false };
		const embedding = bidi.getEmbeddingLevels(text);
		const { levels } = embedding;
		// UTF-16 units, as the algorithm counts them.
		const order = Array.from({ length: text.length }, (_, index) => index);
		// Each segment is reversed in place, in the order given (UAX #9, rule L2).
		for (const [start, end] of bidi.getReorderSegments(text, embedding) as [number, number][]) {
			order.splice(start, end - start + 1, ...order.slice(start, end + 1).reverse());
		}
		// A bracket in right-to-left text is drawn as its mirror image, so it still faces its words
		// (UAX #9, rule L4).
		const mirrored = bidi.getMirroredCharactersMap(text, levels);
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
		const pieces = runs.flatMap(({ indices, font, rtl }): Run[] => {
			if (rtl) {
				const logical = [...indices]
					.reverse()
					.map((i) => text[i])
					.join('');
				// fontkit turns a run only when it holds an Arabic letter; otherwise, turned here.
				if (!ARABIC.test(logical)) {
					return [{ text: indices.map((i) => mirrored.get(i) ?? text[i]).join(''), font }];
				}
				return [{ text: logical, font, shaper: face.shaper }];
			}
			const visual = indices.map((i) => text[i]).join('');
			return font === face.arabic
				? [...visual].map((glyph) => ({ text: glyph, font }))
				: [{ text: visual, font }];
		});
		// The paragraph's direction, from its first strong letter.
		return { runs: pieces, rightToLeft: embedding.paragraphs[0]?.level === 1 };
	}
}

/** How far a run moves the pen: its shaped advances for Arabic, pdf-lib's widths otherwise. */
function advance(run: Run, size: number): number {
	if (!run.shaper) return run.font.widthOfTextAtSize(run.text, size);
	const { positions } = run.shaper.layout(run.text);
	const units = positions.reduce((sum, position) => sum + position.xAdvance, 0);
	return (units * size) / run.shaper.unitsPerEm;
}

/**
 * Draws Arabic letters each where fontkit's shaping places it. pdf-lib's drawText sets a run's
 * glyphs one after the other by their plain widths: a mark (the two dots of a final yā') then lands
 * beside its letter instead of under it. The glyph codes are pdf-lib's own for the same text (the
 * same layout, so the same glyphs in the same order), which also puts them in the subset.
 */
function drawShaped(
	page: PDFPage,
	run: Run,
	shaper: Font,
	at: { x: number; y: number; size: number; color: Color }
) {
	const { positions } = shaper.layout(run.text);
	const codes = run.font.encodeText(run.text).asString().match(/.{4}/g) ?? [];
	const scale = at.size / shaper.unitsPerEm;
	const key = page.node.newFontDictionary(run.font.name, run.font.ref);
	const operators = [pushGraphicsState(), setFillingColor(at.color), beginText()];
	operators.push(setFontAndSize(key, at.size));
	// Td moves from the previous Td's point, not from where the last glyph ended.
	let pen = 0;
	let from = { x: 0, y: 0 };
	positions.forEach((position, index) => {
		const to = { x: at.x + (pen + position.xOffset) * scale, y: at.y + position.yOffset * scale };
		operators.push(moveText(to.x - from.x, to.y - from.y));
		operators.push(showText(PDFHexString.of(codes[index] ?? '0000')));
		from = to;
		pen += position.xAdvance;
	});
	operators.push(endText(), popGraphicsState());
	page.pushOperators(...operators);
}
