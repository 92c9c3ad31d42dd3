import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDatabase } from '$tests/support/temp-db';
import type { Db } from '../db/open';
import { CHUNK_BYTES, pageBytes } from './page-store';

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

/** A page stored as the tus store leaves it: its row, then its chunks from 0. */
async function storedPage(db: Db, id: string, bytes: Buffer) {
	await db
		.insertInto('document_pages')
		.values({
			id,
			device_hash: 'device',
			size: bytes.length,
			type: 'image/jpeg',
			sha256: '0'.repeat(64),
			received: bytes.length,
			status: 'receiving',
			created_at: new Date().toISOString()
		})
		.execute();
	for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
		await db
			.insertInto('document_page_chunks')
			.values({ page_id: id, start, bytes: bytes.subarray(start, start + CHUNK_BYTES) })
			.execute();
	}
}

async function read(db: Db, id: string) {
	const pieces: Buffer[] = [];
	for await (const piece of pageBytes(db, id)) pieces.push(Buffer.from(piece));
	return Buffer.concat(pieces);
}

describe("reading a page's stored bytes", () => {
	it('gives them back byte for byte, in order, and only that page', async () => {
		const temp = await tempDatabase();
		close = temp.close;
		const page = randomBytes(2 * CHUNK_BYTES + 1000);
		await storedPage(temp.db, 'page-a', page);
		await storedPage(temp.db, 'page-b', randomBytes(5000));
		expect((await read(temp.db, 'page-a')).equals(page)).toBe(true);
		expect(await read(temp.db, 'page-unknown')).toHaveLength(0);
		// An id is a value, never SQL, wherever the database cannot take it as a parameter.
		expect(await read(temp.db, "page-a' or '1'='1")).toHaveLength(0);
		expect(await read(temp.db, "x'); drop table document_page_chunks; --")).toHaveLength(0);
		expect((await read(temp.db, 'page-b')).length).toBe(5000);
	});

	it('leaves the database usable when a reader stops half-way, however often', async () => {
		const temp = await tempDatabase();
		close = temp.close;
		await storedPage(temp.db, 'page-a', randomBytes(3 * CHUNK_BYTES));
		// More stopped reads than the pool has connections: each must have given its own back.
		for (let i = 0; i < 25; i++) {
			for await (const piece of pageBytes(temp.db, 'page-a')) {
				expect(piece.length).toBeGreaterThan(0);
				break;
			}
		}
		expect((await read(temp.db, 'page-a')).length).toBe(3 * CHUNK_BYTES);
		const row = await temp.db
			.selectFrom('document_pages')
			.select('id')
			.where('id', '=', 'page-a')
			.executeTakeFirst();
		expect(row?.id).toBe('page-a');
	});
});
