import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import type { Db } from '../db/open';
import { pageBytes } from './page-store';
import { Typeface } from './pdf-text';
import type { HeldPage } from './staff-pages';
import type { Translator } from '$lib/i18n/i18n';

// The complete file of a request as one PDF, for the agent to keep or print: her answers first,
// then every page of her papers in the order of the questions. Written with Noto Sans and Noto
// Sans Arabic (embedded, subset), so a name or an answer in a Latin, Greek, Cyrillic or Arabic
// alphabet prints as she typed it (see pdf-text.ts).

/** One heading and its lines, as the request page shows them. */
export interface DossierBlock {
	heading: string;
	level: 1 | 2 | 3 | 4;
	facts: { label: string; value: string }[];
}

/** A document's pages in the order she gave them, with the words that say what it is. */
export interface DossierDocument {
	label: string;
	pages: HeldPage[];
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const SIZE = 11;
const LINE = SIZE * 1.45;
const INK = rgb(0.1, 0.1, 0.1);

/** Text cut into lines that fit `width`, at spaces where it can, anywhere when a word is longer. */
function wrap(text: string, fits: (line: string) => boolean): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			const candidate = line ? `${line} ${word}` : word;
			if (fits(candidate)) {
				line = candidate;
				continue;
			}
			if (line) lines.push(line);
			line = word;
			while (!fits(line)) {
				let cut = line.length - 1;
				while (cut > 1 && !fits(line.slice(0, cut))) cut--;
				lines.push(line.slice(0, cut));
				line = line.slice(cut);
			}
		}
		lines.push(line);
	}
	return lines;
}

/** Writes lines down the answer pages, starting a new page when one is full. */
class Writer {
	private page!: PDFPage;
	private y = 0;
	readonly pages: PDFPage[] = [];

	constructor(
		private readonly pdf: PDFDocument,
		private readonly type: Typeface
	) {
		this.newPage();
	}

	private newPage() {
		this.page = this.pdf.addPage([A4.width, A4.height]);
		this.pages.push(this.page);
		this.y = A4.height - MARGIN;
	}

	text(text: string, options: { bold?: boolean; size?: number; indent?: number } = {}) {
		const size = options.size ?? SIZE;
		const bold = options.bold ?? false;
		const indent = options.indent ?? 0;
		const width = A4.width - 2 * MARGIN - indent;
		const fits = (line: string) => this.type.width(line, size, bold) <= width;
		for (const line of wrap(text, fits)) {
			if (this.y - size * 1.45 < MARGIN) this.newPage();
			this.y -= size * 1.45;
			const at = { x: MARGIN + indent, y: this.y, size, width, bold, color: INK };
			this.type.draw(this.page, line, at);
		}
	}

	gap(lines = 0.6) {
		this.y -= LINE * lines;
	}
}

/** Places a photo on a page of its own under its caption, as large as the page allows. */
async function addPhoto(pdf: PDFDocument, bytes: Uint8Array, caption: string, type: Typeface) {
	const image = await pdf.embedJpg(bytes);
	const page = pdf.addPage([A4.width, A4.height]);
	const at = { x: MARGIN, y: A4.height - MARGIN, size: SIZE, width: A4.width - 2 * MARGIN };
	type.draw(page, caption, { ...at, bold: true, color: INK });
	const box = { width: A4.width - 2 * MARGIN, height: A4.height - 2 * MARGIN - LINE * 2 };
	const scale = Math.min(box.width / image.width, box.height / image.height, 1);
	const width = image.width * scale;
	const height = image.height * scale;
	page.drawImage(image, {
		x: (A4.width - width) / 2,
		y: MARGIN + (box.height - height) / 2,
		width,
		height
	});
}

async function bytesOf(db: Db, pageId: string): Promise<Uint8Array> {
	const parts: Buffer[] = [];
	for await (const chunk of pageBytes(db, pageId)) parts.push(chunk);
	return new Uint8Array(Buffer.concat(parts));
}

/**
 * The request's complete file. Pages are read one at a time from the store and added; the PDF
 * itself is built in memory (pdf-lib writes a whole document), bounded by a request's pages.
 */
export async function dossierPdf(
	db: Db,
	i18n: Translator,
	title: string,
	blocks: DossierBlock[],
	documents: DossierDocument[]
): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	pdf.registerFontkit(fontkit);
	pdf.setTitle(title);
	pdf.setLanguage('fr-FR');
	pdf.setCreator('Portail Seniors');
	const everything = [
		title,
		...blocks.flatMap((b) => [b.heading, ...b.facts.flatMap((f) => [f.label, f.value])])
	];
	const type = await Typeface.embed(pdf, everything.join('\n'));

	const writer = new Writer(pdf, type);
	writer.text(title, { bold: true, size: 16 });
	writer.gap();
	for (const block of blocks) {
		writer.gap(block.level === 1 ? 0.8 : 0.4);
		writer.text(block.heading, { bold: true, size: [14, 12, 12, 11][block.level - 1] });
		for (const { label, value } of block.facts) {
			writer.text(label, { bold: true });
			writer.text(value, { indent: 12 });
		}
	}

	for (const document of documents) {
		let number = 0;
		for (const page of document.pages) {
			number++;
			const caption = i18n.t('staff.documents.caption', {
				document: document.label,
				page: number,
				count: document.pages.length
			});
			const bytes = await bytesOf(db, page.id);
			if (page.type === 'image/jpeg') {
				await addPhoto(pdf, bytes, caption, type);
				continue;
			}
			const source = await PDFDocument.load(bytes);
			const copied = await pdf.copyPages(source, source.getPageIndices());
			for (const copy of copied) pdf.addPage(copy);
		}
	}

	// Every page numbered, so a printed file can be put back in order.
	const all = pdf.getPages();
	all.forEach((page, index) => {
		const footer = i18n.t('staff.documents.footer', {
			title,
			page: index + 1,
			count: all.length
		});
		const at = { x: MARGIN, y: MARGIN / 2, size: 8, width: A4.width - 2 * MARGIN };
		type.draw(page, footer, { ...at, color: rgb(0.3, 0.3, 0.3) });
	});
	return pdf.save();
}
