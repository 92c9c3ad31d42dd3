import { randomUUID } from 'node:crypto';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFStream } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness } from '$tests/support/api-harness';
import { HEATWAVE_ANSWERS, staffIdentity } from '$tests/support/fixtures';
import { newKey, pagePeer, photo, sha256 } from '$tests/support/page-peer';

// What staff see of her papers: renditions made by the server under a policy that lets them do
// nothing, the originals as downloads, the complete file as one PDF; journaled, for staff only.
const api = await apiHarness();
const peer = await pagePeer(api.database);
afterAll(peer.close);
const pageRoute =
	await import('../../src/routes/api/v1/staff/requests/[id]/pages/[pageId]/+server');
const dossierRoute = await import('../../src/routes/api/v1/staff/requests/[id]/dossier/+server');
const { createStaffUser } = await import('$lib/server/staff/accounts');
const { requestDetail } = await import('$lib/server/requests/detail');

const db = await api.database();
const created = await createStaffUser(db, {
	email: 'pieces@mairie.test',
	displayName: 'Agnès Pièces',
	role: 'agent',
	password: 'Une phrase de passe longue'
});
if (!('id' in created)) throw new Error('agent not created');
const agent = staffIdentity({ id: created.id, email: 'pieces@mairie.test', name: 'Agnès Pièces' });

/** A GET as the agent (or as nobody: the hook answers 401 before a route runs; here, the guard). */
const get = (route: { GET: (event: never) => Promise<Response> }, path: string, params: object) =>
	route.GET({
		url: new URL(path, 'http://portal.test'),
		request: new Request(`http://portal.test${path}`),
		params,
		locals: { staff: agent, access: 'staff' }
	} as never);

async function twoPagePdf() {
	const pdf = await PDFDocument.create();
	pdf.addPage([595, 842]).drawText('Avis d’impôt 2026, page 1');
	pdf.addPage([595, 842]).drawText('Avis d’impôt 2026, page 2');
	return Buffer.from(await pdf.save());
}

const page = (id: string, bytes: Buffer, type: 'image/jpeg' | 'application/pdf') => ({
	id,
	sha256: sha256(bytes),
	size: bytes.length,
	type
});

let requestId = '';
const photoId = randomUUID();
const pdfId = randomUUID();
const identityId = randomUUID();
let photoBytes: Buffer;
let identityBytes: Buffer;
let pdfBytes: Buffer;

beforeAll(async () => {
	const imported = await api.editCatalogue((file) => {
		const forms = (file as unknown as { forms: { id: string; steps: { fields: object[] }[] }[] })
			.forms;
		forms
			.find((f) => f.id === 'registre-canicule')!
			.steps[0]!.fields.push(
				{
					name: 'domicile',
					type: 'document',
					label: 'Un justificatif de domicile',
					required: false
				},
				{ name: 'impots', type: 'document', label: 'Votre avis d’impôt', required: false },
				{
					name: 'identite',
					type: 'document',
					label: 'Votre pièce d’identité',
					required: false,
					documentKind: 'identity'
				}
			);
	});
	expect(imported.changed).toBeGreaterThan(0);
	const { version } = await db
		.selectFrom('form_versions')
		.select((eb) => eb.fn.max('version').as('version'))
		.where('form_id', '=', 'registre-canicule')
		.executeTakeFirstOrThrow();
	const key = newKey();
	photoBytes = await photo(1200, 800);
	pdfBytes = await twoPagePdf();
	expect((await peer.send(key, photoId, photoBytes)).status).toBe(204);
	expect((await peer.send(key, pdfId, pdfBytes, { type: 'application/pdf' })).status).toBe(204);
	identityBytes = await photo(600, 400);
	expect((await peer.send(key, identityId, identityBytes)).status).toBe(204);
	requestId = randomUUID();
	const answer = await api.post(
		{
			mutations: [
				{
					id: requestId,
					type: 'request.submit',
					createdAt: new Date().toISOString(),
					payload: {
						formId: 'registre-canicule',
						formVersion: Number(version),
						answers: {
							...HEATWAVE_ANSWERS,
							// Her name as she typed it, in Arabic: the complete file prints it.
							nom: 'فاطمة الزهراء',
							domicile: { pages: [page(photoId, photoBytes, 'image/jpeg')] },
							impots: { pages: [page(pdfId, pdfBytes, 'application/pdf')] },
							identite: { pages: [page(identityId, identityBytes, 'image/jpeg')] }
						}
					}
				}
			]
		},
		key
	);
	const result = (await answer.json()).results[0];
	expect(result.status, JSON.stringify(result)).toBe('applied');
});

const journal = async (action: string) =>
	(
		await db
			.selectFrom('audit_log')
			.select('subject_id')
			.where('action', '=', action)
			.where('subject_id', '=', requestId)
			.execute()
	).length;

describe('her papers in the staff area', () => {
	it('lists the pages the town hall holds with the request', async () => {
		const detail = await requestDetail(db, agent, requestId);
		expect(detail?.pages.map((p) => p.id).sort()).toEqual([photoId, pdfId, identityId].sort());
	});

	it('shows a photo as a rendition made by the server, sandboxed, never the bytes she sent', async () => {
		const thumbnail = await get(pageRoute, `/x?view=thumbnail`, { id: requestId, pageId: photoId });
		expect(thumbnail.status).toBe(200);
		expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
		expect(thumbnail.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
		expect(thumbnail.headers.get('cache-control')).toBe('private, no-store');
		const small = Buffer.from(await thumbnail.arrayBuffer());
		expect(small.equals(photoBytes)).toBe(false);
		const meta = await sharp(small).metadata();
		expect([meta.width, meta.height]).toEqual([320, 213]);
		expect(meta.exif).toBeUndefined();
		expect(await journal('request.page')).toBe(0);

		// Large and turned a quarter: the agent opened it, which the journal says.
		const turned = await get(pageRoute, `/x?view=large&turn=1`, { id: requestId, pageId: photoId });
		const large = await sharp(Buffer.from(await turned.arrayBuffer())).metadata();
		expect([large.width, large.height]).toEqual([800, 1200]);
		expect(await journal('request.page')).toBe(1);
	});

	it('gives a PDF as a download, byte for byte, and never shows it inline', async () => {
		const original = await get(pageRoute, `/x?view=original`, { id: requestId, pageId: pdfId });
		expect(original.status).toBe(200);
		expect(original.headers.get('content-type')).toBe('application/pdf');
		expect(original.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
		expect(original.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
		expect(Buffer.from(await original.arrayBuffer()).equals(pdfBytes)).toBe(true);
		const inline = await get(pageRoute, `/x?view=large`, { id: requestId, pageId: pdfId });
		expect(inline.status).toBe(415);
	});

	it('answers 404 for a page outside the request, 400 for a view it does not know', async () => {
		const other = await get(pageRoute, `/x?view=large`, { id: randomUUID(), pageId: photoId });
		expect(other.status).toBe(404);
		const unknown = await get(pageRoute, `/x?view=large`, { id: requestId, pageId: randomUUID() });
		expect(unknown.status).toBe(404);
		for (const query of ['view=raw', 'view=large&turn=4', 'view=large&turn=x']) {
			const bad = await get(pageRoute, `/x?${query}`, { id: requestId, pageId: photoId });
			expect(bad.status, query).toBe(400);
		}
	});

	it('downloads the complete file: her answers, then the photo, then both pages of the PDF', async () => {
		const before = await journal('request.dossier');
		const answer = await get(dossierRoute, `/x`, { id: requestId });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('application/pdf');
		const { reference } = await db
			.selectFrom('requests')
			.select('reference')
			.where('id', '=', requestId)
			.executeTakeFirstOrThrow();
		expect(answer.headers.get('content-disposition')).toBe(
			`attachment; filename="dossier-${reference}.pdf"`
		);
		const pdf = await PDFDocument.load(await answer.arrayBuffer());
		expect(pdf.getTitle()).toBe(`Demande ${reference}`);
		// Her Arabic name in a face that has its letters, beside the Latin one.
		const fonts = pdf.context
			.enumerateIndirectObjects()
			.map(([, object]) => object)
			.filter((object): object is PDFDict => object instanceof PDFDict)
			.map((dict) => dict.get(PDFName.of('BaseFont'))?.toString() ?? '')
			.filter(Boolean);
		expect(fonts.some((name) => name.includes('NotoSansArabic'))).toBe(true);
		expect(fonts.some((name) => name.includes('NotoSans-'))).toBe(true);
		// Her answers (a page or two), then a page for the photo, the tax notice's two pages, and
		// a page for her identity card.
		const pages = pdf.getPages();
		const [photoPage, notice1, notice2] = pages.slice(-4, -1);
		expect(pages.length).toBeGreaterThanOrEqual(5);
		expect([notice1!.getSize(), notice2!.getSize()]).toEqual([
			{ width: 595, height: 842 },
			{ width: 595, height: 842 }
		]);
		const images = photoPage!.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
		const image = images.lookup(images.keys()[0]!, PDFStream);
		expect([image.dict.get(PDFName.of('Width')), image.dict.get(PDFName.of('Height'))]).toEqual([
			PDFNumber.of(1200),
			PDFNumber.of(800)
		]);
		expect(await journal('request.dossier')).toBe(before + 1);
		const missing = await get(dossierRoute, `/x`, { id: randomUUID() });
		expect(missing.status).toBe(404);
	});
});

describe('when her request is decided', () => {
	it('erases her identity papers at once, in the decision’s transaction; the others stay', async () => {
		const { applyMutation } = await import('$lib/server/outbox/apply');
		const decide = (from: string, to: string) =>
			applyMutation(
				db,
				`staff:${agent.id}`,
				{
					id: randomUUID(),
					type: 'request.setStatus',
					createdAt: new Date().toISOString(),
					payload: { requestId, from, to, message: 'Votre inscription est faite.' }
				} as never,
				new Date(),
				agent
			);
		expect((await decide('received', 'in_progress')).status).toBe('applied');
		const chunks = async (id: string) =>
			(
				await db
					.selectFrom('document_page_chunks')
					.select('start')
					.where('page_id', '=', id)
					.execute()
			).length;
		expect(await chunks(identityId)).toBeGreaterThan(0);
		expect((await decide('in_progress', 'done')).status).toBe('applied');
		expect(await chunks(identityId)).toBe(0);
		const detail = await requestDetail(db, agent, requestId);
		expect(detail?.pages.map((p) => p.id).sort()).toEqual([photoId, pdfId].sort());
		const gone = await get(pageRoute, `/x?view=large`, { id: requestId, pageId: identityId });
		expect(gone.status).toBe(404);
		// Decided twice at once (two agents): one decision, the other told it changed.
		expect((await decide('in_progress', 'refused')).status).toBe('conflict');
	});
});
