import { PAGE_LONG_SIDE, PAGE_MAX_BYTES, type DocumentPage } from '$lib/contract/documents';

// A page as she gives it (a camera photo of 4,000 × 3,000 px, a PNG, a PDF), made into what the
// tablet keeps and sends: a photo turned upright, its long side at most 2,000 px, re-encoded as
// JPEG — drawn anew, so nothing of the original file's metadata (her GPS position, the camera's
// serial) goes along; a PDF as it is. Run in a worker (page-worker.ts): the page never waits.

/** What she may choose, read from the file's first bytes rather than from its name. */
type Kind = 'jpeg' | 'png' | 'heic' | 'pdf';

/** A file larger than this is not read at all (a camera photo is 3 to 12 MB). */
export const SOURCE_MAX_BYTES = 40 * 1024 * 1024;

export interface PreparedPage extends Omit<DocumentPage, 'id'> {
	blob: Blob;
	width?: number;
	height?: number;
}

export type PageRefusal = { code: 'documentUnreadable' | 'documentTooLarge' };

const starts = (bytes: Uint8Array, ...signature: number[]) =>
	signature.every((byte, i) => bytes[i] === byte);

export function kindOf(head: Uint8Array): Kind | null {
	if (starts(head, 0xff, 0xd8, 0xff)) return 'jpeg';
	if (starts(head, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
	if (starts(head, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
	// An ISO box "ftyp" with a HEIF brand: iPhone photos, read where the browser decodes them.
	const box = new TextDecoder().decode(head.slice(4, 12));
	if (/^ftyp(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(box)) return 'heic';
	return null;
}

async function sha256(blob: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function preparePage(file: Blob): Promise<PreparedPage | PageRefusal> {
	if (file.size === 0) return { code: 'documentUnreadable' };
	if (file.size > SOURCE_MAX_BYTES) return { code: 'documentTooLarge' };
	const kind = kindOf(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
	if (!kind) return { code: 'documentUnreadable' };
	if (kind === 'pdf') {
		if (file.size > PAGE_MAX_BYTES) return { code: 'documentTooLarge' };
		const blob = new Blob([await file.arrayBuffer()], { type: 'application/pdf' });
		return { blob, type: 'application/pdf', size: blob.size, sha256: await sha256(blob) };
	}
	let bitmap: ImageBitmap;
	try {
		// Turned as the camera says it was held (EXIF orientation), before the metadata goes.
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		// A HEIC photo where the browser cannot decode it, or a damaged file.
		return { code: 'documentUnreadable' };
	}
	const scale = Math.min(1, PAGE_LONG_SIDE / Math.max(bitmap.width, bitmap.height));
	const width = Math.max(1, Math.round(bitmap.width * scale));
	const height = Math.max(1, Math.round(bitmap.height * scale));
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d');
	if (!context) return { code: 'documentUnreadable' };
	// A white sheet under a PNG's transparent parts: JPEG has no transparency (black otherwise).
	context.fillStyle = '#fff';
	context.fillRect(0, 0, width, height);
	context.drawImage(bitmap, 0, 0, width, height);
	bitmap.close();
	const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.82 });
	if (blob.size > PAGE_MAX_BYTES) return { code: 'documentTooLarge' };
	return { blob, type: 'image/jpeg', size: blob.size, sha256: await sha256(blob), width, height };
}
