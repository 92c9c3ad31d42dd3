import { describe, expect, it } from 'vitest';
import { apiHarness } from '$tests/support/api-harness';
import { META, pullCatalogue } from './catalogue-sync';
import { PortalDatabase } from './db';

const api = await apiHarness();
let counter = 0;
const device = () => new PortalDatabase(`device-${++counter}`);

describe('pulling the catalogue into the device store', () => {
	it('fills an empty device with every theme and service', async () => {
		const db = device();
		expect(await pullCatalogue(db, api.fetcher)).toBe('updated');
		expect(await db.themes.count()).toBe(16);
		expect(await db.services.count()).toBeGreaterThanOrEqual(120);
		expect((await db.forms.get('registre-canicule'))?.steps.length).toBe(4);
		expect(await db.getMeta(META.cursor)).toMatch(/^\d+$/);
		expect(await db.getMeta(META.checkedAt)).toBeTruthy();
	});

	it('changes nothing when the server has nothing new (304)', async () => {
		const db = device();
		await pullCatalogue(db, api.fetcher);
		const cursor = await db.getMeta(META.cursor);
		expect(await pullCatalogue(db, api.fetcher)).toBe('unchanged');
		expect(await db.getMeta(META.cursor)).toBe(cursor);
	});

	it('applies an edit and a removal made on the server', async () => {
		const db = device();
		await pullCatalogue(db, api.fetcher);
		await api.editCatalogue((file) => {
			file.services.find((s) => s.id === 'chorale')!.summary = 'Chanter ensemble le lundi.';
			file.services = file.services.filter((s) => s.id !== 'eclairage-nuit');
		});
		expect(await pullCatalogue(db, api.fetcher)).toBe('updated');
		expect((await db.services.get('chorale'))?.summary.fr).toBe('Chanter ensemble le lundi.');
		expect(await db.services.get('eclairage-nuit')).toBeUndefined();
	});

	it('keeps what it had when the server fails, and says so', async () => {
		const db = device();
		await pullCatalogue(db, api.fetcher);
		const before = await db.services.count();
		const failing = (async () => new Response('oops', { status: 503 })) as typeof fetch;
		await expect(pullCatalogue(db, failing)).rejects.toThrow(/503/);
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof fetch;
		await expect(pullCatalogue(db, offline)).rejects.toThrow(TypeError);
		expect(await db.services.count()).toBe(before);
	});

	it('starts over when the server answers a full catalogue', async () => {
		const db = device();
		await db.services.put({ id: 'ghost', themeId: 'sante' } as never);
		await db.meta.put({ key: META.cursor, value: '999999' });
		expect(await pullCatalogue(db, api.fetcher)).toBe('updated');
		expect(await db.services.get('ghost')).toBeUndefined();
	});
});
