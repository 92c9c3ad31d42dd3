import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { apiHarness } from '$tests/support/api-harness';
import { HEATWAVE_ANSWERS } from '$tests/support/fixtures';
import { creation, newKey, pagePeer, photo, sha256 } from '$tests/support/page-peer';

// A small daily volume, so that its refusal is reached by a few pages (read when the server starts).
process.env.QUOTA_DOCUMENT_MB_PER_DAY = '6';
const api = await apiHarness();
const { PageStore } = await import('$lib/server/documents/page-store');

const peer = await pagePeer(api.database);
const { endpoint, send, head, stored } = peer;
afterAll(peer.close);

describe('a page sent with tus (/api/v1/pages)', () => {
	it('arrives in 256 KiB chunks, byte for byte, and is checked', async () => {
		const key = newKey();
		const id = randomUUID();
		const bytes = await photo();
		expect(bytes.length).toBeGreaterThan(512 * 1024);
		const sent = await send(key, id, bytes);
		expect(sent.status).toBe(204);
		const answer = await head(key, id);
		expect(answer.headers.get('upload-offset')).toBe(String(bytes.length));
		expect(answer.headers.get('page-status')).toBe('verified');
		expect((await stored(id)).equals(bytes)).toBe(true);
	});

	it('cut at half, goes on from where it stopped: bytes sent at most 1.3 × the page', async () => {
		const key = newKey();
		const id = randomUUID();
		const bytes = await photo(1400, 1000);
		peer.received.bytes = 0;
		const first = await send(key, id, bytes, { stopAt: 0.5 });
		expect(first.status).toBe(0);
		const offset = Number((await head(key, id)).headers.get('upload-offset'));
		expect(offset).toBeGreaterThanOrEqual(bytes.length * 0.5);
		expect(offset).toBeLessThan(bytes.length);
		// A new start (the tab closed, the tablet restarted) with the page's address.
		const second = await send(key, id, bytes, { uploadUrl: `${endpoint}/${id}` });
		expect(second.status).toBe(204);
		expect(peer.received.bytes).toBeLessThanOrEqual(bytes.length * 1.3);
		expect((await stored(id)).equals(bytes)).toBe(true);
	});

	it('is another tablet’s business only to its own: 404 to any other', async () => {
		const id = randomUUID();
		const bytes = await photo(300, 200);
		expect((await send(newKey(), id, bytes)).status).toBe(204);
		const other = newKey();
		expect((await head(other, id)).status).toBe(404);
		const patch = await fetch(`${endpoint}/${id}`, {
			method: 'PATCH',
			headers: {
				authorization: `Device ${other}`,
				'tus-resumable': '1.0.0',
				'upload-offset': '0',
				'content-type': 'application/offset+octet-stream'
			},
			body: bytes
		});
		expect(patch.status).toBe(404);
		const removal = await fetch(`${endpoint}/${id}`, {
			method: 'DELETE',
			headers: { authorization: `Device ${other}`, 'tus-resumable': '1.0.0' }
		});
		expect(removal.status).toBe(404);
		// Created again under the same name by another tablet: refused, the first keeps its page.
		expect((await send(other, id, bytes)).status).toBe(409);
		expect((await head(newKey(), id)).status).toBe(404);
	});

	it('goes back whole to the tablet that sent it, and to no other', async () => {
		const { ownPage } = await import('$lib/server/documents/pages-http');
		const get = (key: string | null, id: string) =>
			ownPage({
				request: new Request(`http://portal.test/api/v1/pages/${id}`, {
					headers: key ? { authorization: `Device ${key}` } : {}
				}),
				params: { id }
			} as never);
		const key = newKey();
		const id = randomUUID();
		const bytes = await photo();
		// Half there: not yet hers to read back.
		expect((await send(key, id, bytes, { stopAt: 0.3 })).status).toBe(0);
		expect((await get(key, id)).status).toBe(404);
		expect((await send(key, id, bytes, { uploadUrl: `${endpoint}/${id}` })).status).toBe(204);
		const back = await get(key, id);
		expect(back.status).toBe(200);
		expect(back.headers.get('content-disposition')).toMatch(/^attachment; filename="page-/);
		expect(back.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
		expect(Buffer.from(await back.arrayBuffer()).equals(bytes)).toBe(true);
		expect((await get(newKey(), id)).status).toBe(404);
		expect((await get(null, id)).status).toBe(401);
		expect((await get(key, randomUUID())).status).toBe(404);
		// As often as she wants them back, up to twice a day's volume (here 2 × 6 MB).
		const statuses = [200];
		while (statuses.length < 30 && statuses.at(-1) === 200) {
			const again = await get(key, id);
			await again.arrayBuffer();
			statuses.push(again.status);
		}
		expect(statuses.filter((s) => s === 200)).toHaveLength(
			Math.floor((12 * 1024 * 1024) / bytes.length)
		);
		expect(statuses.at(-1)).toBe(429);
	});

	it('without a device key, nothing: 401', async () => {
		const response = await fetch(endpoint, {
			method: 'POST',
			headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' }
		});
		expect(response.status).toBe(401);
	});

	it('refuses in the API’s words what is declared wrong', async () => {
		const key = newKey();
		const bytes = await photo(200, 200);
		const badId = await send(key, 'not-a-uuid', bytes);
		expect(badId.status).toBe(400);
		expect(JSON.parse(badId.body).error.fields).toEqual([{ field: 'id', message: 'invalid_page' }]);
		expect((await send(key, randomUUID(), bytes, { type: 'text/html' })).status).toBe(400);
		expect((await send(key, randomUUID(), bytes, { hash: 'abc' })).status).toBe(400);
		// Over 10 MB: refused before a byte is stored.
		const tooLarge = await fetch(endpoint, {
			method: 'POST',
			headers: {
				authorization: `Device ${key}`,
				'tus-resumable': '1.0.0',
				'upload-length': String(10 * 1024 * 1024 + 1),
				'upload-metadata': `id ${Buffer.from(randomUUID()).toString('base64')}`
			}
		});
		expect(tooLarge.status).toBe(413);
	});

	it('refuses a page that is not what it claims, and keeps none of its bytes', async () => {
		const key = newKey();
		const cases: [string, Buffer, string, string?][] = [
			['pageDamaged', await photo(300, 300), 'image/jpeg', 'f'.repeat(64)],
			['pageTypeMismatch', Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg'],
			[
				'pageMetadata',
				await sharp(await photo(300, 300))
					.withMetadata({ exif: { IFD0: { Make: 'PhoneMaker' } } })
					.jpeg()
					.toBuffer(),
				'image/jpeg'
			],
			['pageUnreadable', (await photo(400, 400)).subarray(0, 5000), 'image/jpeg'],
			['pageActive', await pdfWithScript(), 'application/pdf'],
			['pageEncrypted', await encryptedPdf(), 'application/pdf']
		];
		for (const [why, bytes, type, hash] of cases) {
			const id = randomUUID();
			const sent = await send(key, id, bytes, { type, hash });
			expect(sent.status, why).toBe(422);
			expect(JSON.parse(sent.body).error.code, why).toBe(why);
			const answer = await head(key, id);
			expect(answer.headers.get('page-status'), why).toBe('refused');
			expect(answer.headers.get('page-refusal'), why).toBe(why);
			expect(await stored(id), why).toHaveLength(0);
		}
		const plain = await PDFDocument.create();
		plain.addPage().drawText('Avis d’imposition'.replace('’', "'"));
		expect(
			(await send(key, randomUUID(), Buffer.from(await plain.save()), { type: 'application/pdf' }))
				.status
		).toBe(204);
	});

	it('counts a tablet’s bytes per day, and refuses past its volume', async () => {
		const key = newKey();
		const bytes = await photo(1400, 1000);
		const answers: number[] = [];
		for (let i = 0; i * bytes.length < 7 * 1024 * 1024; i++) {
			answers.push((await send(key, randomUUID(), bytes)).status);
		}
		expect(answers.at(-1)).toBe(429);
		expect(answers.filter((s) => s === 204).length).toBe(
			Math.floor((6 * 1024 * 1024) / bytes.length)
		);
	});

	it('counts the tablets of one address together: ten tablets’ volume, then no more', async () => {
		// Another address than the other tests': its volume starts from nothing.
		const care = await pagePeer(api.database, '10.9.9.9');
		const declare = (url: string, length: number) =>
			fetch(url, { method: 'POST', headers: creation(newKey(), length) });
		try {
			// 5 MB each, within each tablet's 6: twelve fill the address's 60, the thirteenth is refused.
			const answers: number[] = [];
			for (let i = 0; i < 13; i++)
				answers.push((await declare(care.endpoint, 5 * 1024 * 1024)).status);
			expect(answers).toEqual([...Array(12).fill(201), 429]);
			// From another address, a tablet sends as before.
			expect((await declare(endpoint, 1000)).status).toBe(201);
		} finally {
			await care.close();
		}
	});

	it('lets one writer only store a chunk at an offset, whatever two requests race', async () => {
		const db = await api.database();
		const key = 'race-device';
		const store = new PageStore(db, key);
		const id = randomUUID();
		const bytes = await photo(300, 300);
		const { Upload: TusUpload } = await import('@tus/server');
		await store.create(
			new TusUpload({
				id,
				size: bytes.length,
				offset: 0,
				metadata: { type: 'image/jpeg', sha256: sha256(bytes) }
			})
		);
		const results = await Promise.allSettled([
			store.write(Readable.from([bytes]), id, 0),
			store.write(Readable.from([bytes]), id, 0)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect((await stored(id)).equals(bytes)).toBe(true);
	});
});

describe('a request naming pages', () => {
	const heatwave = HEATWAVE_ANSWERS;

	it('is applied only once each page arrived and was checked, each page joining one request', async () => {
		await api.editCatalogue((file) => {
			const forms = (file as unknown as { forms: { id: string; steps: { fields: object[] }[] }[] })
				.forms;
			forms
				.find((f) => f.id === 'registre-canicule')!
				.steps[0]!.fields.push({
					name: 'justificatif',
					type: 'document',
					label: 'Un justificatif de domicile',
					required: false
				});
		});
		const db = await api.database();
		const { version } = await db
			.selectFrom('form_versions')
			.select((eb) => eb.fn.max('version').as('version'))
			.where('form_id', '=', 'registre-canicule')
			.executeTakeFirstOrThrow();
		const key = newKey();
		const bytes = await photo(400, 300);
		const page = {
			id: randomUUID(),
			sha256: sha256(bytes),
			size: bytes.length,
			type: 'image/jpeg'
		};
		const submit = (id = randomUUID()) => ({
			id,
			type: 'request.submit',
			createdAt: new Date().toISOString(),
			payload: {
				formId: 'registre-canicule',
				formVersion: Number(version),
				answers: { ...heatwave, justificatif: { pages: [page] } }
			}
		});
		const results = async (mutation: object) =>
			(await (await api.post({ mutations: [mutation] }, key)).json()).results[0];

		// Not sent yet: refused in words, nothing written.
		const early = await results(submit());
		expect(early.status).toBe('rejected');
		expect(early.errors).toEqual([
			expect.objectContaining({ field: 'answers.justificatif', code: 'documentNotReceived' })
		]);
		expect((await send(key, page.id, bytes)).status).toBe(204);
		const first = submit();
		expect((await results(first)).status).toBe('applied');
		const row = await db
			.selectFrom('document_pages')
			.select(['request_id', 'status'])
			.where('id', '=', page.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ request_id: first.id, status: 'verified' });
		// Sent again (the answer was lost): the same request. Named by a second request: refused.
		expect((await results(first)).status).toBe('duplicate');
		expect((await results(submit())).errors).toEqual([
			expect.objectContaining({ field: 'answers.justificatif', code: 'documentNotReceived' })
		]);
		// Named with another hash than the one that arrived: refused.
		const other = { ...submit(), payload: { ...submit().payload } };
		other.payload.answers = {
			...heatwave,
			justificatif: { pages: [{ ...page, sha256: 'a'.repeat(64) }] }
		};
		expect((await results(other)).status).toBe('rejected');
		// A page in a request is the town hall's now: the tablet cannot withdraw it.
		const removal = await fetch(`${endpoint}/${page.id}`, {
			method: 'DELETE',
			headers: { authorization: `Device ${key}`, 'tus-resumable': '1.0.0' }
		});
		expect(removal.status).toBe(404);
	});
});

describe('how long pages are kept', () => {
	it('drops a page no request took after 30 days, and a request’s pages 6 months after it closed', async () => {
		const db = await api.database();
		const { purgeExpired } = await import('$lib/server/privacy/retention');
		const key = newKey();
		const loose = randomUUID();
		expect((await send(key, loose, await photo(200, 200))).status).toBe(204);
		const taken = await db
			.selectFrom('document_pages')
			.select(['id', 'request_id'])
			.where('request_id', 'is not', null)
			.executeTakeFirstOrThrow();
		const pagesLeft = async () =>
			(await db.selectFrom('document_pages').select('id').execute()).map((p) => p.id);
		const chunksOf = async (id: string) =>
			(
				await db
					.selectFrom('document_page_chunks')
					.select('start')
					.where('page_id', '=', id)
					.execute()
			).length;
		const day = 86_400_000;
		await purgeExpired(db, new Date(Date.now() + 29 * day));
		expect(await pagesLeft()).toContain(loose);
		await purgeExpired(db, new Date(Date.now() + 31 * day));
		expect(await pagesLeft()).not.toContain(loose);
		expect(await chunksOf(loose)).toBe(0);
		// Her request still open a year on: its page stays. Closed, it goes six months later.
		expect(await pagesLeft()).toContain(taken.id);
		await db
			.updateTable('requests')
			.set({ status: 'done', updated_at: new Date().toISOString() })
			.where('id', '=', taken.request_id!)
			.execute();
		await purgeExpired(db, new Date(Date.now() + 5 * 30 * day));
		expect(await pagesLeft()).toContain(taken.id);
		await purgeExpired(db, new Date(Date.now() + 7 * 31 * day));
		expect(await pagesLeft()).not.toContain(taken.id);
		expect(await chunksOf(taken.id)).toBe(0);
	});
});

async function pdfWithScript() {
	const pdf = await PDFDocument.create();
	pdf.addPage();
	const action = pdf.context.obj({
		Type: 'Action',
		S: 'JavaScript',
		JS: PDFString.of('app.alert(1)')
	});
	pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.register(action));
	return Buffer.from(await pdf.save({ useObjectStreams: true }));
}

async function encryptedPdf() {
	const pdf = await PDFDocument.create();
	pdf.addPage();
	const encrypt = pdf.context.obj({ Filter: 'Standard', V: 2, R: 3, Length: 128, P: -4 });
	pdf.context.trailerInfo.Encrypt = pdf.context.register(encrypt);
	return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
