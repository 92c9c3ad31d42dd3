import { describe, expect, it } from 'vitest';
import { binaryCopyRow, copiedValues } from './copy-binary';

/** A one-column binary COPY of `values` as PostgreSQL writes it (null for a NULL). */
function binaryCopy(values: (Buffer | null)[], extension = Buffer.alloc(0)): Buffer {
	const header = Buffer.alloc(8);
	header.writeUInt32BE(extension.length, 4);
	const rows = values.map((value) => {
		const head = Buffer.alloc(6);
		head.writeInt16BE(1, 0);
		head.writeInt32BE(value ? value.length : -1, 2);
		return value ? Buffer.concat([head, value]) : head;
	});
	const trailer = Buffer.from([0xff, 0xff]);
	return Buffer.concat([
		Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
		header,
		extension,
		...rows,
		trailer
	]);
}

async function* inPieces(bytes: Buffer, size: number) {
	for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function read(pieces: AsyncIterable<Buffer>) {
	const out: Buffer[] = [];
	for await (const piece of copiedValues(pieces)) out.push(Buffer.from(piece));
	return Buffer.concat(out);
}

describe('reading a binary COPY of one bytea column', () => {
	const present = [Buffer.from('first value'), Buffer.alloc(0), Buffer.from([0, 1, 2, 255])];
	const values = [present[0]!, null, present[1]!, present[2]!];
	const expected = Buffer.concat(present);

	it('gives the values one after the other, however the connection cut them', async () => {
		const copy = binaryCopy(values, Buffer.from('ext'));
		for (const size of [1, 2, 3, 5, 7, 19, 64, copy.length]) {
			expect(await read(inPieces(copy, size))).toEqual(expected);
		}
	});

	it('yields views of what came, not joined copies: a value is never held whole', async () => {
		const big = Buffer.alloc(200_000, 7);
		const pieces: number[] = [];
		for await (const piece of copiedValues(inPieces(binaryCopy([big]), 65_536))) {
			pieces.push(piece.length);
		}
		expect(Math.max(...pieces)).toBeLessThanOrEqual(65_536);
		expect(pieces.reduce((a, b) => a + b, 0)).toBe(200_000);
	});

	it('refuses what is not the format, more than one column, a cut end or bytes after it', async () => {
		await expect(read(inPieces(Buffer.from('COPY 1\nhello world, and more'), 4))).rejects.toThrow(
			'Not a binary COPY'
		);
		const twoColumns = binaryCopy([Buffer.from('x')]);
		twoColumns.writeInt16BE(2, 19);
		await expect(read(inPieces(twoColumns, 8))).rejects.toThrow('2 columns');
		const copy = binaryCopy(values);
		await expect(read(inPieces(copy.subarray(0, copy.length - 3), 8))).rejects.toThrow(
			'ended early'
		);
		await expect(read(inPieces(Buffer.concat([copy, Buffer.from('!')]), 8))).rejects.toThrow(
			'after the end'
		);
	});
});

describe('writing one row as a binary COPY', () => {
	it('gives each value its length, a number as 4 bytes, the bytes themselves not copied', () => {
		const bytes = Buffer.from([1, 2, 3, 250]);
		const pieces = binaryCopyRow(['pagé', 262_144, bytes]);
		expect(pieces).toContain(bytes);
		const row = Buffer.concat(pieces);
		expect(row.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
		expect(row.readInt16BE(19)).toBe(3);
		expect(row.readInt32BE(21)).toBe(5); // "pagé" in UTF-8
		expect(row.subarray(25, 30).toString('utf8')).toBe('pagé');
		expect(row.readInt32BE(30)).toBe(4);
		expect(row.readInt32BE(34)).toBe(262_144);
		expect(row.readInt32BE(38)).toBe(4);
		expect([...row.subarray(42, 46)]).toEqual([1, 2, 3, 250]);
		expect(row.readInt16BE(46)).toBe(-1);
		expect(row).toHaveLength(48);
	});
});
