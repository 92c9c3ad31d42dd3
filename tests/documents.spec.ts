import { expect, test, type Browser, type Page } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { deviceRecords, putDraft } from './helpers/device';
import { HOUSING_ALONE, HOUSING_MEMBER } from './support/housing';
import SQLite from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import { AGENT, createAccount, signIn } from './helpers/staff';
import { ownServer, type RunningServer } from './helpers/server';

// Her papers on her tablet: photographed or chosen, made ready there, kept there as they are.

let server: RunningServer;

// Her own town hall's server: the journeys cut its connection and restart it. The demo's housing
// pre-request asks for her last tax notice (optional).
test.beforeAll(async () => {
	server = await ownServer('build');
});
test.afterAll(async () => server?.stop());

/** A camera's photo: 4,000 × 3,000, held upright (EXIF orientation 6), with where it was taken. */
async function cameraPhoto() {
	return sharp({
		create: { width: 4000, height: 3000, channels: 3, background: '#f4efe2' }
	})
		.composite([
			{
				input: Buffer.from(
					'<svg width="4000" height="3000"><rect x="200" y="200" width="1200" height="400" fill="#123"/></svg>'
				)
			}
		])
		.jpeg({ quality: 90 })
		.withExif({
			IFD0: { Make: 'Tablette', Model: 'Modèle 2024' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 49/1 52/1', GPSLongitudeRef: 'E' }
		})
		.withMetadata({ orientation: 6 })
		.toBuffer();
}

async function choose(page: Page, button: string, file: { name: string; buffer: Buffer }) {
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: button }).click();
	await (await chooser).setFiles({ ...file, mimeType: 'application/octet-stream' });
}

/** A page's bytes as her tablet keeps them (a Blob in its store). */
async function tabletBytes(page: Page, id: string) {
	return Buffer.from(
		await page.evaluate(async (pageId) => {
			const open = indexedDB.open('portail-seniors');
			const db: IDBDatabase = await new Promise(
				(resolve) => (open.onsuccess = () => resolve(open.result))
			);
			const row = await new Promise<{ blob: Blob }>((resolve) => {
				const get = db.transaction('documentPages').objectStore('documentPages').get(pageId);
				get.onsuccess = () => resolve(get.result);
			});
			// As base64 text: an array of numbers for a 2 MB page took seconds to cross over.
			const url: string = await new Promise((resolve) => {
				const reader = new FileReader();
				reader.onload = () => resolve(reader.result as string);
				reader.readAsDataURL(row.blob);
			});
			return url.slice(url.indexOf(',') + 1);
		}, id),
		'base64'
	);
}

interface StoredPage {
	id: string;
	sha256: string;
	size: number;
	width?: number;
	height?: number;
}

test('she photographs her tax notice: each page made upright, smaller, without where it was taken, kept on her tablet', async ({
	browser
}) => {
	const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR' });
	const page = await context.newPage();
	await page.goto('/demandes/logement-social/etape/14');
	const notice = page.getByRole('group', { name: 'Votre dernier avis d’impôt (facultatif)' });
	await expect(notice).toBeVisible();

	// A camera photo: upright, its long side 2,000 px, no EXIF block left (no GPS, no camera).
	await choose(page, 'Choisir un fichier', { name: 'IMG_2041.jpg', buffer: await cameraPhoto() });
	await expect(page.getByRole('status').filter({ hasText: 'Page 1 ajoutée' })).toBeVisible();
	// Shown large from the tablet's own copy (a picture, not its name in place of it).
	const shown = notice.getByRole('img', { name: 'Page 1' });
	await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1500);
	await expect(notice).toContainText('Sur la tablette');
	await expect(notice).toContainText('Place prise par le portail sur cette tablette');
	const [first] = await deviceRecords<StoredPage>(page, 'documentPages');
	expect(first).toMatchObject({ width: 1500, height: 2000 });
	const bytes = await tabletBytes(page, first!.id);
	expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
	expect(bytes.includes(Buffer.from('Tablette'))).toBe(false);
	expect(createHash('sha256').update(bytes).digest('hex')).toBe(first!.sha256);
	expect(bytes.length).toBe(first!.size);

	// Not a picture nor a PDF, whatever its name: told in words, nothing kept.
	await choose(page, 'Choisir un fichier', {
		name: 'avis.pdf',
		buffer: Buffer.from('<html>pas un document</html>')
	});
	await expect(page.getByRole('alert')).toContainText('Ce fichier ne peut pas être lu');
	await expect(notice.getByRole('listitem')).toHaveCount(1);

	// A second page from the camera, then the first one taken again, then the second removed.
	const png = await sharp({
		create: { width: 800, height: 1100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } }
	})
		.png()
		.toBuffer();
	await choose(page, 'Prendre une photo', { name: 'page2.png', buffer: png });
	await expect(notice.getByRole('img', { name: 'Page 2' })).toBeVisible();
	await choose(page, 'Reprendre : Page 1', { name: 'IMG_2042.jpg', buffer: await cameraPhoto() });
	await expect(page.getByRole('status').filter({ hasText: 'Page 1 remplacée' })).toBeVisible();
	await expect
		.poll(async () => (await deviceRecords<StoredPage>(page, 'documentPages')).length)
		.toBe(2);
	expect((await deviceRecords<StoredPage>(page, 'documentPages')).map((p) => p.id)).not.toContain(
		first!.id
	);
	await page.getByRole('button', { name: 'Retirer : Page 2' }).click();
	await expect(page.getByRole('button', { name: 'Prendre une photo' })).toBeFocused();
	await expect(notice.getByRole('listitem')).toHaveCount(1);

	// Kept with her draft: a reload, and the page is still there, read back as one page.
	await page.reload();
	await expect(notice.getByRole('img', { name: 'Page 1' })).toBeVisible();
	await page.getByRole('button', { name: 'Continuer' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Votre accord');
	await context.close();
});

/** What the town hall holds of a page: its row, and its bytes put back together in order. */
function townHallCopy(dataDir: string, id: string) {
	const db = new SQLite(join(dataDir, 'portail.sqlite'), { readonly: true });
	try {
		const row = db
			.prepare('SELECT status, request_id, size, sha256 FROM document_pages WHERE id = ?')
			.get(id) as { status: string; request_id: string | null; size: number; sha256: string };
		const chunks = db
			.prepare('SELECT bytes FROM document_page_chunks WHERE page_id = ? ORDER BY start')
			.all(id) as { bytes: Buffer }[];
		return { row, bytes: Buffer.concat(chunks.map((c) => c.bytes)) };
	} finally {
		db.close();
	}
}

/** A page that takes several parts to send: a photo of fine detail (noise compresses badly). */
async function detailedPhoto() {
	const [width, height] = [1600, 1200];
	return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
		.jpeg({ quality: 90 })
		.toBuffer();
}

/**
 * Her housing application, all answered, with one detailed photo of her tax notice taken at its
 * own step (several parts to send): the tablet, the page it kept, and that page's bytes.
 */
async function requestWithPhoto(browser: Browser, motif: string, household = false) {
	const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR' });
	const page = await context.newPage();
	await page.goto('/demandes/logement-social');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// With her household: her husband, and her granddaughter of nine whom she brings up.
	const family = {
		personnes: '3',
		foyer: [
			HOUSING_MEMBER,
			{
				'membre-nom': 'Inès Martin',
				'membre-naissance': '2017-09-01',
				'membre-lien': 'autre',
				'membre-lien-autre': 'Petite-fille',
				'membre-adresse': HOUSING_MEMBER['membre-adresse']
			}
		]
	};
	await putDraft(page, {
		formId: 'logement-social',
		answers: { ...HOUSING_ALONE, motif, ...(household ? family : {}) },
		step: 14
	});
	await page.goto('/demandes/logement-social/etape/14');
	await choose(page, 'Prendre une photo', { name: 'avis.jpg', buffer: await detailedPhoto() });
	await expect(page.getByRole('status').filter({ hasText: 'Page 1 ajoutée' })).toBeVisible();
	const [kept] = await deviceRecords<StoredPage>(page, 'documentPages');
	// Her husband's identity card, photographed on his page (his tax notice left to bring).
	const others: { page: StoredPage; onTablet: Buffer }[] = [];
	if (household) {
		await page.goto('/demandes/logement-social/etape/5/1/5');
		await choose(page, 'Prendre une photo : Sa pièce d’identité', {
			name: 'carte.jpg',
			buffer: await cameraPhoto()
		});
		await expect(page.getByRole('status').filter({ hasText: 'Page 1 ajoutée' })).toBeVisible();
		await page.getByRole('button', { name: 'Continuer' }).click();
		await expect(
			page.getByRole('button', { name: 'Prendre une photo : Son dernier avis d’impôt' })
		).toBeVisible();
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(
			'Les personnes qui vivront avec vous'
		);
		for (const other of await deviceRecords<StoredPage>(page, 'documentPages')) {
			if (other.id !== kept!.id)
				others.push({ page: other, onTablet: await tabletBytes(page, other.id) });
		}
		expect(others).toHaveLength(1);
	}
	// What the tablet kept, after making it ready: what the town hall must hold, byte for byte.
	return { context, page, kept: kept!, onTablet: await tabletBytes(page, kept!.id), others };
}

test('her whole application, a household of three, goes with its pages: cut halfway, sent on from there, arrived byte for byte', async ({
	browser
}) => {
	const { context, page, kept, onTablet, others } = await requestWithPhoto(
		browser,
		'Trop d’escaliers',
		true
	);
	expect(kept.size).toBeGreaterThan(3 * 256 * 1024);

	// The connection drops after two parts of the page: the request waits on the tablet.
	const parts: number[] = [];
	let cut = true;
	await page.route('**/api/v1/pages/**', async (route) => {
		if (route.request().method() !== 'PATCH') return route.continue();
		if (cut && parts.length >= 2) return route.abort('internetdisconnected');
		parts.push(route.request().postDataBuffer()?.length ?? 0);
		return route.continue();
	});
	await page.goto('/demandes/logement-social/verifier');
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await page.waitForURL(/\/demandes\/envoi\//);
	await page.goto('/mes-demandes');
	const waiting = page.getByRole('listitem').filter({ hasText: 'Demande de logement social' });
	await expect(waiting).toContainText(/Envoi de vos documents : \d+\s%/);
	const shown = Number(/(\d+)\s%/.exec((await waiting.textContent()) ?? '')?.[1]);
	expect(shown).toBeGreaterThan(0);
	expect(shown).toBeLessThan(100);

	// Back: "Envoyer maintenant" goes on from the parts the town hall holds, then the request —
	// unless the outbox's own next try, planned after the cut, has gone first (a loaded machine).
	cut = false;
	await page
		.getByRole('button', { name: 'Envoyer maintenant' })
		.click({ timeout: 5_000 })
		.catch(() => undefined);
	await expect
		.poll(() => townHallCopy(server.dataDir, kept.id).row.request_id, { timeout: 30_000 })
		.not.toBeNull();
	const copy = townHallCopy(server.dataDir, kept.id);
	expect(copy.row).toMatchObject({ status: 'verified', size: kept.size, sha256: kept.sha256 });
	expect(copy.row.request_id).not.toBeNull();
	expect(copy.bytes.equals(onTablet)).toBe(true);
	for (const other of others) {
		const held = townHallCopy(server.dataDir, other.page.id);
		expect(held.row).toMatchObject({ status: 'verified', request_id: copy.row.request_id });
		expect(held.bytes.equals(other.onTablet)).toBe(true);
	}
	// Sent on from where it stopped, not from the start: every byte once.
	expect(parts.reduce((a, b) => a + b, 0)).toBe(
		kept.size + others.reduce((sum, o) => sum + o.page.size, 0)
	);
	// Her request applied, the town hall holds the page: the tablet's copy is freed.
	await expect.poll(() => deviceRecords<StoredPage>(page, 'documentPages')).toEqual([]);
	await context.close();

	// At the town hall: her page as a thumbnail, opened large, zoomed and turned; the whole file.
	createAccount(AGENT, server.dataDir);
	const agent = await (
		await browser.newContext({ baseURL: server.url, locale: 'fr-FR' })
	).newPage();
	await signIn(agent, AGENT);
	await agent
		.getByRole('row', { name: /Demande de logement social/ })
		.getByRole('link')
		.click();
	const thumbnail = agent.getByRole('link', {
		name: 'Ouvrir Votre dernier avis d’impôt, page 1 sur 1'
	});
	// Below her answers: drawn when the agent scrolls to it (a lazy image).
	await thumbnail.scrollIntoViewIfNeeded();
	await expect(thumbnail.getByRole('img')).toHaveJSProperty('complete', true);
	expect(
		await thumbnail.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth)
	).toBe(320);
	const download = agent.waitForEvent('download');
	await agent.getByRole('link', { name: 'Télécharger le dossier complet (PDF)' }).click();
	const file = await (await download).path();
	const dossier = await PDFDocument.load(readFileSync(file));
	// Her answers, then her pages (a page of the file for each, with its photo).
	expect(dossier.getPageCount()).toBeGreaterThanOrEqual(3);
	await expect(agent.getByRole('link', { name: /Ouvrir .*Sa pièce d’identité/ })).toBeVisible();
	await thumbnail.click();
	await expect(agent.getByRole('heading', { level: 1 })).toHaveText(
		'Votre dernier avis d’impôt — page 1 sur 1'
	);
	const large = agent.getByRole('img', { name: /Votre dernier avis d’impôt, page 1 sur 1/ });
	await expect(large).toHaveJSProperty('complete', true);
	const size = () =>
		large.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
	const [width, height] = await size();
	await agent.getByRole('button', { name: 'Agrandir' }).click();
	await expect(agent.getByText('Taille : 150 %')).toBeVisible();
	await agent.getByRole('button', { name: 'Tourner d’un quart de tour' }).click();
	await expect.poll(size).toEqual([height, width]);
	await agent.context().close();
});

test('a page half sent survives a closed tab and a restarted town hall, and two tabs send it once', async ({
	browser
}) => {
	const { context, kept, onTablet, ...opened } = await requestWithPhoto(
		browser,
		'Plus d’ascenseur'
	);
	let page = opened.page;

	// Every part that reaches the town hall, from any tab of the tablet; the line drops after one.
	const parts: number[] = [];
	let cut = true;
	await context.route('**/api/v1/pages/**', async (route) => {
		if (route.request().method() !== 'PATCH') return route.continue();
		if (cut && parts.length >= 1) return route.abort('internetdisconnected');
		parts.push(route.request().postDataBuffer()?.length ?? 0);
		return route.continue();
	});
	await page.goto('/demandes/logement-social/verifier');
	await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
	await page.waitForURL(/\/demandes\/envoi\//);
	await expect.poll(() => parts.length).toBe(1);

	// The tab closed, the town hall's server restarted, with a part of her page stored.
	await page.close();
	await server.stop();
	await server.start();
	cut = false;

	// She opens the portal again, in two tabs at once: both would send; one does, from the part stored.
	const [first, second] = await Promise.all([context.newPage(), context.newPage()]);
	await Promise.all([first.goto('/mes-demandes'), second.goto('/mes-demandes')]);
	page = first;
	await expect
		.poll(() => townHallCopy(server.dataDir, kept.id).row?.request_id ?? null, { timeout: 30_000 })
		.not.toBeNull();
	const copy = townHallCopy(server.dataDir, kept.id);
	expect(copy.row).toMatchObject({ status: 'verified', size: kept.size, sha256: kept.sha256 });
	expect(copy.bytes.equals(onTablet)).toBe(true);
	// Every byte once: the first part before the tab closed, the rest after, by one tab.
	expect(parts.reduce((a, b) => a + b, 0)).toBe(kept.size);
	// One request, however many tabs and restarts.
	const db = new SQLite(join(server.dataDir, 'portail.sqlite'), { readonly: true });
	const requests = db
		.prepare('SELECT count(*) AS n FROM requests WHERE id = ?')
		.get(copy.row.request_id) as { n: number };
	db.close();
	expect(requests.n).toBe(1);
	await expect(
		first.getByRole('listitem').filter({ hasText: 'Demande de logement social' }).first()
	).not.toContainText('Envoi de vos documents');

	// Her tablet freed its copy; "Mes données" gives her the town hall's, byte for byte.
	await expect.poll(() => deviceRecords<StoredPage>(first, 'documentPages')).toEqual([]);
	await first.goto('/mes-informations/mes-donnees');
	const download = first.waitForEvent('download');
	await first.getByRole('button', { name: 'Télécharger la page 1' }).first().click();
	expect(readFileSync(await (await download).path()).equals(onTablet)).toBe(true);
	await context.close();
});
