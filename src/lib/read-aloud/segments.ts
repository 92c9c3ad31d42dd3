/** A run of text to be spoken in one language. */
export interface Segment {
	text: string;
	lang: string;
}

const BLOCKS = 'h1, h2, h3, h4, p, li, dt, dd, legend, label, th, td, caption, summary, blockquote';
/** Long utterances are cut off by some engines (Chrome stops after about 15 s): speak by sentence. */
const MAX_LENGTH = 220;

/** The speech language of a `lang` attribute: easy-read French is read by a French voice. */
export function speechLang(lang: string): string {
	return lang.split('-x-')[0] || 'fr';
}

function visible(el: Element): boolean {
	// Navigation (the breadcrumb) and the controls themselves are not part of what she wants to hear.
	if (el.closest('nav, [aria-hidden="true"], [data-read-aloud="skip"], .visually-hidden')) {
		return false;
	}
	return typeof el.checkVisibility === 'function' ? el.checkVisibility() : true;
}

/**
 * Where a long piece may be cut: after a comma or at a space, never between two digits (a phone
 * number "05 36 49 10 00" is said in one breath). -1 when there is no such place.
 */
function cutPoint(text: string): number {
	for (let at = Math.min(MAX_LENGTH, text.length - 1); at > 0; at--) {
		const char = text[at];
		if (char !== ',' && !/\s/.test(char!)) continue;
		if (/\d/.test(text[at - 1] ?? '') && /\d/.test(text[at + 1] ?? '')) continue;
		return at;
	}
	return -1;
}

/**
 * Splits a long text at sentence ends, then at commas, so each piece stays short. A sentence ends
 * at a stop followed by a space: the dots of an e-mail address ("repas@val-de-lierre.example"), a
 * web address or "8.30" are inside a word, and the address is read whole.
 */
export function sentences(text: string): string[] {
	const pieces = text.split(/(?<=[.!?؟:;])\s+/);
	const out: string[] = [];
	for (const piece of pieces.map((p) => p.trim()).filter(Boolean)) {
		let rest = piece;
		while (rest.length > MAX_LENGTH) {
			const cut = cutPoint(rest);
			const at = cut > 0 ? cut + 1 : MAX_LENGTH;
			out.push(rest.slice(0, at).trim());
			rest = rest.slice(at);
		}
		if (rest.trim()) out.push(rest.trim());
	}
	return out;
}

/**
 * What a person sees in `root`, block by block and in reading order, each piece with the language
 * it is written in (a French catalogue text inside an Arabic page is read by a French voice).
 */
export function readableSegments(root: Element, pageLang: string): Segment[] {
	const blocks = [...root.querySelectorAll(BLOCKS)].filter(
		// The innermost blocks only, so a list item's paragraph is not read twice.
		(el) => !el.querySelector(BLOCKS) && visible(el)
	);
	return blocks.flatMap((el) => {
		const text = (el as HTMLElement).innerText?.replace(/\s+/g, ' ').trim() ?? '';
		const lang = speechLang(el.closest('[lang]')?.getAttribute('lang') ?? pageLang);
		return sentences(text).map((piece) => ({ text: piece, lang }));
	});
}
