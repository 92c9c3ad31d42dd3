import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { PDFArray, PDFDict, PDFDocument, PDFStream, type PDFObject } from 'pdf-lib';
import { sharp } from './images';
import type { Db } from '../db/open';
import { pageBytes } from './page-store';
import type { PageRefusal } from '$lib/contract/documents';

/** What makes a PDF act rather than show: scripts, launched programs, files inside, forms that post. */
const ACTIVE_KEYS = new Set([
	'/JS',
	'/JavaScript',
	'/AA',
	'/Launch',
	'/EmbeddedFile',
	'/EmbeddedFiles',
	'/RichMedia',
	'/SubmitForm',
	'/ImportData',
	'/XFA'
]);

interface Declared {
	size: number;
	type: string;
	sha256: string;
}

/**
 * Checks a page that arrived whole against what the tablet declared and against what it claims to
 * be: its length and SHA-256 (read back from the database once, whole, into a buffer kept for the
 * next check), its type from its
 * first bytes (`file-type`), a photo decoded whole by `sharp` and carrying no EXIF block (the
 * tablet removes it; one that has it did not come from the portal), a PDF parsed by `pdf-lib`,
 * refused when encrypted or when any of its objects can act. Answers null when the page is good.
 */
export async function checkPage(
	db: Db,
	pageId: string,
	declared: Declared
): Promise<PageRefusal | null> {
	return withPageBytes(db, pageId, declared.size, async (bytes) => {
		if (!bytes || createHash('sha256').update(bytes).digest('hex') !== declared.sha256) {
			return 'pageDamaged';
		}
		const kind = await fileTypeFromBuffer(bytes.subarray(0, 4100));
		if (kind?.mime !== declared.type) return 'pageTypeMismatch';
		return declared.type === 'application/pdf' ? checkPdf(bytes) : checkPhoto(bytes);
	});
}

/**
 * The buffer a page is read back into, kept from one check to the next (pages are checked one at
 * a time in a process): a page's megabytes made anew for each check were garbage the collector
 * came to late, and the server's memory grew by them (see bench/page-sending.js). One larger than
 * a photo's (a long PDF) is not kept. A check that starts while another holds it gets its own.
 */
let scratch: Buffer | null = null;
const KEPT_BYTES = 4 * 1024 * 1024;

async function withPageBytes<T>(
	db: Db,
	pageId: string,
	size: number,
	use: (bytes: Buffer | null) => Promise<T>
): Promise<T> {
	const kept = size <= KEPT_BYTES;
	const buffer = (kept && scratch) || Buffer.allocUnsafe(kept ? KEPT_BYTES : size);
	if (buffer === scratch) scratch = null;
	try {
		return await use(await readInto(db, pageId, buffer, size));
	} finally {
		// Only the bytes a page was written into are resident: a photo's, not the 4 MiB.
		if (kept) scratch = buffer;
	}
}

/**
 * The page read back once, whole, into `buffer` (every check reads from it, where reading the
 * chunks again for each doubled what was left for the collector). Null when the stored bytes are
 * not `size` long.
 */
async function readInto(db: Db, pageId: string, buffer: Buffer, size: number) {
	let length = 0;
	for await (const chunk of pageBytes(db, pageId)) {
		if (length + chunk.length > size) return null;
		chunk.copy(buffer, length);
		length += chunk.length;
	}
	return length === size ? buffer.subarray(0, size) : null;
}

async function checkPhoto(bytes: Buffer): Promise<PageRefusal | null> {
	try {
		const image = sharp(bytes, { failOn: 'error', limitInputPixels: 50_000_000 });
		const meta = await image.metadata();
		if (meta.exif || meta.xmp || meta.iptc) return 'pageMetadata';
		// Decoded to its last block (not kept): a file that only starts like a JPEG is refused. At an
		// eighth of its size (libjpeg reads every block, scaled as it decodes), so a check never
		// holds a full 2,000 px bitmap.
		await image.resize(256, 256, { fit: 'inside' }).raw().toBuffer();
		return null;
	} catch {
		return 'pageUnreadable';
	}
}

async function checkPdf(bytes: Buffer): Promise<PageRefusal | null> {
	let pdf: PDFDocument;
	try {
		// Read even when encrypted, to say so rather than "unreadable".
		pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
	} catch {
		return 'pageUnreadable';
	}
	if (pdf.isEncrypted) return 'pageEncrypted';
	for (const [, object] of pdf.context.enumerateIndirectObjects()) {
		if (acts(object, 0)) return 'pageActive';
	}
	return null;
}

/** Whether an object, or a dictionary or array inside it, names an action. */
function acts(object: PDFObject, depth: number): boolean {
	if (depth > 32) return false;
	const dict =
		object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
	if (dict) {
		for (const [key, value] of dict.entries()) {
			if (ACTIVE_KEYS.has(key.toString())) return true;
			if (key.toString() === '/S' && ACTIVE_KEYS.has(value.toString())) return true;
			if (acts(value, depth + 1)) return true;
		}
	}
	if (object instanceof PDFArray) {
		return object.asArray().some((value) => acts(value, depth + 1));
	}
	return false;
}
