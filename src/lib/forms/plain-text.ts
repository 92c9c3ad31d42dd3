/**
 * Names and addresses typed on a device the office does not know end up in messages the
 * commune signs (a greeting, an address on a letter). This rule, shared by the tablet and the
 * server, keeps them what they claim to be: no web address (a message must not carry someone
 * else's link under the town hall's name), no control or invisible formatting characters, and
 * a name on one line. A postal address may have a few lines (the envelope's window needs them);
 * messages join them into one (`oneLine`), so no line can pass for a paragraph of the commune's.
 */

// Letters, digits and what names and addresses use (hyphen, apostrophes, comma, period, slash…):
// control characters, bidirectional overrides and zero-width spaces are refused (the joiners
// some scripts need inside a word, U+200C and U+200D, are not).
const CONTROL = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/u;
const LINE_BREAK = /\r\n|\r|\n/;
// A scheme, "www.", or a name followed by a common top-level domain ("exemple.com/", "bit.ly").
const WEB_ADDRESS =
	/(?:[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\b[a-z0-9-]+\.(?:com|net|org|fr|info|biz|io|ly|me|co|xyz|top|site|online|click|link|app|page|gl|eu|be|ru|cn|tk|ml|ga|cf|gq|shop|live|icu)\b)/i;
const MAX_ADDRESS_LINES = 4;
/** An office's message to her (a thread's, a decision's): a letter's length at most. */
export const OFFICE_MESSAGE_LINES = 40;

export type PlainTextCode = 'noWebAddress' | 'oneLine' | 'noSpecialCharacters';

export function plainTextIssue(
	value: string | null | undefined,
	{ lines = 1 }: { lines?: number } = {}
): PlainTextCode | null {
	if (!value) return null;
	if (WEB_ADDRESS.test(value)) return 'noWebAddress';
	const parts = value.trim().split(LINE_BREAK);
	if (parts.length > lines) return 'oneLine';
	if (parts.some((part) => CONTROL.test(part))) return 'noSpecialCharacters';
	return null;
}

export const nameIssue = (name: string | null | undefined) => plainTextIssue(name);
export const addressIssue = (address: string | null | undefined) =>
	plainTextIssue(address, { lines: MAX_ADDRESS_LINES });

/** A postal address on one line, its lines joined by commas: how messages write it. */
export const oneLine = (text: string) =>
	text
		.split(LINE_BREAK)
		.map((part) => part.trim())
		.filter(Boolean)
		.join(', ');
