/** What starts PostgreSQL's binary COPY format: "PGCOPY\n\xff\r\n\0". */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** The signature, the flags field and the header extension's length. */
const HEADER_BYTES = SIGNATURE.length + 8;

/**
 * The values of a one-column binary COPY, as they come off the wire: each value's bytes are yielded
 * in the pieces the connection delivered them in (views of its buffers, never joined), so a read
 * holds no more than what one socket read holds. Values follow each other with nothing between;
 * a NULL is skipped. Reads `pieces` to their end (a COPY's connection is free only then). Throws
 * on anything that is not the format, or not one column.
 */
export async function* copiedValues(
	pieces: AsyncIterable<Buffer>
): AsyncGenerator<Buffer, void, undefined> {
	const reader = new PieceReader(pieces[Symbol.asyncIterator]());
	const header = await reader.exactly(HEADER_BYTES);
	if (!header.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
		throw new Error('Not a binary COPY');
	}
	await reader.skip(header.readUInt32BE(SIGNATURE.length + 4));
	for (;;) {
		const fields = (await reader.exactly(2)).readInt16BE(0);
		if (fields === -1) return reader.end();
		if (fields !== 1) throw new Error(`A binary COPY of ${fields} columns, where one was read`);
		const length = (await reader.exactly(4)).readInt32BE(0);
		if (length > 0) yield* reader.pieces(length);
	}
}

/** Reads an iterator of byte pieces by counts, across the pieces' edges. */
class PieceReader {
	private rest: Buffer = Buffer.alloc(0);

	constructor(private readonly source: AsyncIterator<Buffer>) {}

	/** The next piece, or what is left of the current one. */
	private async next(): Promise<Buffer> {
		if (this.rest.length > 0) return this.rest;
		const { done, value } = await this.source.next();
		if (done) throw new Error('The binary COPY ended early');
		return value;
	}

	/** Exactly `count` bytes, joined only when a header falls across two pieces. */
	async exactly(count: number): Promise<Buffer> {
		const parts: Buffer[] = [];
		let have = 0;
		while (have < count) {
			const piece = await this.next();
			const used = Math.min(piece.length, count - have);
			parts.push(piece.subarray(0, used));
			this.rest = piece.subarray(used);
			have += used;
		}
		const [only] = parts;
		return parts.length === 1 && only ? only : Buffer.concat(parts);
	}

	/** Nothing more: the trailer was the last of it. */
	async end(): Promise<void> {
		const { done } = this.rest.length > 0 ? { done: false } : await this.source.next();
		if (!done) throw new Error('Bytes after the end of a binary COPY');
	}

	async skip(count: number): Promise<void> {
		for await (const piece of this.pieces(count)) void piece;
	}

	/** `count` bytes, yielded in the pieces they came in. */
	async *pieces(count: number): AsyncGenerator<Buffer, void, undefined> {
		let left = count;
		while (left > 0) {
			const piece = await this.next();
			const used = Math.min(piece.length, left);
			this.rest = piece.subarray(used);
			left -= used;
			yield piece.subarray(0, used);
		}
	}
}

/**
 * One row of a binary COPY: its header, then each value as PostgreSQL reads it — a text as its
 * UTF-8 bytes, a whole number as a 4-byte integer (an `integer` column), bytes as they are
 * (a `bytea`). Bytes are given as they are, never joined: they go to the connection as they are.
 */
export function binaryCopyRow(values: (string | number | Buffer)[]): Buffer[] {
	const head = Buffer.alloc(SIGNATURE.length + 8 + 2);
	SIGNATURE.copy(head);
	head.writeInt16BE(values.length, SIGNATURE.length + 8);
	const out: Buffer[] = [head];
	for (const value of values) {
		const bytes =
			typeof value === 'string'
				? Buffer.from(value, 'utf8')
				: typeof value === 'number'
					? int4(value)
					: value;
		const length = Buffer.alloc(4);
		length.writeInt32BE(bytes.length);
		out.push(length, bytes);
	}
	out.push(Buffer.from([0xff, 0xff]));
	return out;
}

function int4(value: number) {
	const bytes = Buffer.alloc(4);
	bytes.writeInt32BE(value);
	return bytes;
}
