import { DataStore, ERRORS, Upload } from '@tus/server';
import type { Readable } from 'node:stream';
import { dialectOf } from '../db/dialect';
import type { Db } from '../db/open';
import { copyBytes, copyRowIn, inClientTransaction } from '../db/postgres';

/** A chunk row's bytes at most: what one statement writes and one read holds. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * The buffers a chunk is gathered in, kept from one write to the next: twenty tablets sending at
 * once made a new 256 KiB buffer for every chunk, garbage the collector came to late, and the
 * server's memory grew by it (see bench/page-sending.js). At most 16 are kept (4 MiB).
 */
const chunkBuffers = {
	spare: [] as Buffer[],
	take(): Buffer {
		return this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
	},
	giveBack(buffer: Buffer) {
		if (this.spare.length < 16) this.spare.push(buffer);
	}
};

/** What the tablet says of a page when it starts sending it (tus Upload-Metadata). */
export interface DeclaredPage {
	type: string;
	sha256: string;
}

/** Raised when another request stored bytes at this offset first: the tablet asks where to go on. */
export class OffsetMoved extends Error {}

/**
 * The tus store of one tablet's pages, in the database (`document_pages` and its chunks): a page is
 * found only by the tablet that created it (another's id answers 404, as if it did not exist), and
 * its bytes go in a chunk at a time, each chunk with the move of `received` that it makes, in one
 * transaction, only if `received` is still where this write began. Two requests writing one page
 * (two tabs, two instances behind nginx, a half-open connection) cannot both store a chunk.
 */
export class PageStore extends DataStore {
	constructor(
		private readonly db: Db,
		private readonly deviceHash: string,
		private readonly now: () => Date = () => new Date()
	) {
		super();
		this.extensions = ['creation', 'creation-with-upload', 'termination'];
	}

	/**
	 * A page named by the tablet. Created again with the same declaration (a creation whose answer
	 * was lost), it is the same page; declared otherwise, or by another tablet, it is refused.
	 */
	override async create(upload: Upload): Promise<Upload> {
		const declared = declaredOf(upload);
		const row = await this.db
			.insertInto('document_pages')
			.values({
				id: upload.id,
				device_hash: this.deviceHash,
				size: upload.size!,
				type: declared.type,
				sha256: declared.sha256,
				status: 'receiving',
				created_at: this.now().toISOString()
			})
			.onConflict((oc) => oc.column('id').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (row) return upload;
		const existing = await this.row(upload.id);
		if (existing && existing.size === upload.size && existing.sha256 === declared.sha256) {
			return this.toUpload(existing);
		}
		throw ERRORS.INVALID_OFFSET;
	}

	override async getUpload(id: string): Promise<Upload> {
		const row = await this.row(id);
		if (!row) throw ERRORS.FILE_NOT_FOUND;
		return this.toUpload(row);
	}

	/** Stores what comes from `offset` on, a chunk at a time; answers the offset reached. */
	override async write(stream: Readable, id: string, offset: number): Promise<number> {
		let at = offset;
		const chunk = chunkBuffers.take();
		let filled = 0;
		const flush = async () => {
			if (filled === 0) return;
			await this.storeChunk(id, at, chunk.subarray(0, filled));
			at += filled;
			filled = 0;
		};
		try {
			for await (const piece of stream as AsyncIterable<Buffer>) {
				let rest = piece;
				while (rest.length > 0) {
					const take = Math.min(rest.length, CHUNK_BYTES - filled);
					rest.copy(chunk, filled, 0, take);
					filled += take;
					rest = rest.subarray(take);
					if (filled === CHUNK_BYTES) await flush();
				}
			}
			await flush();
		} catch (error) {
			if (error instanceof OffsetMoved) throw ERRORS.INVALID_OFFSET;
			// The connection went mid-chunk: what came whole is kept, and the tablet goes on from it.
			await flush().catch(() => undefined);
			throw error;
		} finally {
			// Stored (or given up): the database holds its own copy, the buffer serves the next write.
			chunkBuffers.giveBack(chunk);
		}
		return at;
	}

	/** A page she took back before it was used: gone with its bytes. A page in a request stays. */
	override async remove(id: string): Promise<void> {
		await this.db.transaction().execute(async (trx) => {
			const gone = await trx
				.deleteFrom('document_pages')
				.where('id', '=', id)
				.where('device_hash', '=', this.deviceHash)
				.where('request_id', 'is', null)
				.executeTakeFirst();
			if (Number(gone.numDeletedRows) === 0) throw ERRORS.FILE_NOT_FOUND;
			await trx.deleteFrom('document_page_chunks').where('page_id', '=', id).execute();
		});
	}

	/**
	 * One chunk stored with the move of `received` it makes, in one transaction, only if `received`
	 * is still `start`. On PostgreSQL its bytes go by a COPY (see `copyRowIn`).
	 */
	private async storeChunk(id: string, start: number, bytes: Buffer) {
		const move = (db: Db) =>
			db
				.updateTable('document_pages')
				.set((eb) => ({ received: eb('received', '+', bytes.length) }))
				.where('id', '=', id)
				.where('device_hash', '=', this.deviceHash)
				.where('status', '=', 'receiving')
				.where('received', '=', start)
				.where('size', '>=', start + bytes.length);
		if (dialectOf(this.db).name === 'postgres') {
			await inClientTransaction(this.db, async (client) => {
				const { sql, parameters } = move(this.db).compile();
				const moved = await client.query(sql, [...parameters]);
				if (moved.rowCount !== 1) throw new OffsetMoved();
				await copyRowIn(
					client,
					'document_page_chunks',
					['page_id', 'start', 'bytes'],
					[id, start, bytes]
				);
			});
			return;
		}
		await this.db.transaction().execute(async (trx) => {
			const moved = await move(trx).executeTakeFirst();
			if (Number(moved.numUpdatedRows) !== 1) throw new OffsetMoved();
			await trx.insertInto('document_page_chunks').values({ page_id: id, start, bytes }).execute();
		});
	}

	private row(id: string) {
		return this.db
			.selectFrom('document_pages')
			.selectAll()
			.where('id', '=', id)
			.where('device_hash', '=', this.deviceHash)
			.executeTakeFirst();
	}

	private toUpload(row: {
		id: string;
		size: number;
		received: number;
		type: string;
		sha256: string;
		created_at: string;
	}) {
		return new Upload({
			id: row.id,
			size: Number(row.size),
			offset: Number(row.received),
			metadata: { type: row.type, sha256: row.sha256 },
			creation_date: row.created_at
		});
	}
}

function declaredOf(upload: Upload): DeclaredPage {
	return { type: upload.metadata?.type ?? '', sha256: upload.metadata?.sha256 ?? '' };
}

/**
 * A page's bytes in order, for checking and for staff, never the whole page in memory. On
 * PostgreSQL they come as the connection delivers them (a binary COPY: see `copyBytes`). On SQLite
 * a chunk at a time, each chunk read by its own statement, so a long read holds no transaction.
 */
export async function* pageBytes(db: Db, pageId: string): AsyncGenerator<Buffer> {
	if (dialectOf(db).name === 'postgres') {
		yield* copyBytes(
			db,
			db
				.selectFrom('document_page_chunks')
				.select('bytes')
				.where('page_id', '=', pageId)
				.orderBy('start')
				.compile()
		);
		return;
	}
	let start = 0;
	for (;;) {
		const chunk = await db
			.selectFrom('document_page_chunks')
			.select(['start', 'bytes'])
			.where('page_id', '=', pageId)
			.where('start', '=', start)
			.executeTakeFirst();
		if (!chunk) return;
		// The driver's own buffer, not a copy of it.
		const { bytes } = chunk;
		yield Buffer.isBuffer(bytes)
			? bytes
			: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		start += bytes.byteLength;
	}
}

/** A page's stored bytes as a web stream, a chunk at a time (a download of the original). */
export function pageStream(db: Db, pageId: string): ReadableStream<Uint8Array> {
	const chunks = pageBytes(db, pageId);
	return new ReadableStream({
		async pull(controller) {
			const next = await chunks.next();
			if (next.done) controller.close();
			// A Buffer is a Uint8Array: the chunk as it came, not copied.
			else controller.enqueue(next.value);
		},
		async cancel() {
			await chunks.return(undefined);
		}
	});
}
