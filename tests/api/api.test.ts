import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { apiHarness } from '$tests/support/api-harness';

const api = await apiHarness();

describe('GET /api/health', () => {
	it('answers ok once the database is ready', async () => {
		const response = await api.health.GET();
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
	});
});

describe('GET /api/v1/catalogue', () => {
	it('answers every live record with a cursor and an ETag', async () => {
		const response = await api.catalogue.GET(api.event('/api/v1/catalogue'));
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.full).toBe(true);
		expect(body.themes).toHaveLength(16);
		expect(body.services.length).toBeGreaterThanOrEqual(120);
		expect(body.deleted).toEqual({ themes: [], services: [], forms: [] });
		expect(body.forms.map((f: { id: string }) => f.id)).toContain('registre-canicule');
		expect(response.headers.get('etag')).toBeTruthy();
	});

	it('sends the whole catalogue compressed as the client accepts, the same records', async () => {
		const plain = await (await api.catalogue.GET(api.event('/api/v1/catalogue'))).text();
		for (const [accepts, encoding, unpack] of [
			['gzip, deflate, br', 'br', brotliDecompressSync],
			['gzip', 'gzip', gunzipSync]
		] as const) {
			const response = await api.catalogue.GET(
				api.event('/api/v1/catalogue', { 'accept-encoding': accepts })
			);
			expect(response.headers.get('content-encoding')).toBe(encoding);
			const body = Buffer.from(await response.arrayBuffer());
			expect(body.length).toBeLessThan(plain.length / 3);
			expect(unpack(body).toString()).toBe(plain);
		}
	});

	it('answers 304 when the ETag still matches', async () => {
		const first = await api.catalogue.GET(api.event('/api/v1/catalogue'));
		const { cursor } = await first.json();
		const path = `/api/v1/catalogue?since=${cursor}`;
		const delta = await api.catalogue.GET(api.event(path));
		expect(await delta.json()).toMatchObject({ full: false, services: [], themes: [] });
		const again = await api.catalogue.GET(
			api.event(path, { 'if-none-match': delta.headers.get('etag')! })
		);
		expect(again.status).toBe(304);
	});

	it.each(['abc', '-1', '1.5', '', '99999999999999999999', "1' or 1=1"])(
		'answers 400 with a JSON error for since=%j',
		async (since) => {
			const response = await api.catalogue.GET(
				api.event(`/api/v1/catalogue?since=${encodeURIComponent(since)}`)
			);
			expect(response.status).toBe(400);
			const body = await response.json();
			expect(body.error.code).toBe('invalid_cursor');
			expect(body.error.fields[0].field).toBe('since');
		}
	);
});

describe('reading endpoints used for the first paint', () => {
	it('gives a theme with its services in order', async () => {
		const response = await api.theme.GET(api.event('/api/v1/themes/repas', {}, { id: 'repas' }));
		const body = await response.json();
		expect(body.theme.title.fr).toBe('Repas');
		expect(body.services[0].id).toBe('portage-repas-domicile');
	});

	it('gives a theme 20 services a page, the last page for one past the end, 400 for no number', async () => {
		const at = (page: string) =>
			api.theme.GET(api.event(`/api/v1/themes/repas?page=${page}`, {}, { id: 'repas' }));
		const first = await (await at('1')).json();
		expect(first).toMatchObject({ page: 1, pages: 1 });
		expect(first.services).toHaveLength(first.total);
		expect(await (await at('7')).json()).toMatchObject({ page: 1, total: first.total });
		const wrong = await at('deux');
		expect(wrong.status).toBe(400);
		expect((await wrong.json()).error).toMatchObject({
			code: 'invalid_page',
			fields: [{ field: 'page' }]
		});
	});

	it('answers 404 in JSON for an unknown service', async () => {
		const response = await api.service.GET(api.event('/api/v1/services/nope', {}, { id: 'nope' }));
		expect(response.status).toBe(404);
		expect((await response.json()).error.code).toBe('not_found');
	});

	it('searches forgivingly and refuses an overlong query', async () => {
		const found = await api.search.GET(api.event('/api/v1/search?q=repas'));
		expect((await found.json()).results[0].id).toBe('portage-repas-domicile');
		const long = await api.search.GET(api.event(`/api/v1/search?q=${'a'.repeat(201)}`));
		expect(long.status).toBe(400);
		// Characters, as the schema counts them: 101 emoji are 101 (202 UTF-16 units).
		const emoji = encodeURIComponent('🍲'.repeat(101));
		expect((await api.search.GET(api.event(`/api/v1/search?q=${emoji}`))).status).toBe(200);
		const tooMany = encodeURIComponent('🍲'.repeat(201));
		expect((await api.search.GET(api.event(`/api/v1/search?q=${tooMany}`))).status).toBe(400);
	});
});

describe('GET /api/v1/slots', () => {
	it.each(['2026-11-31', '2025-02-29', '0000-01-01', '2026-13-01', '2026-02-30'])(
		'refuses the impossible day %s with 400 invalid_query',
		async (day) => {
			for (const param of ['from', 'to']) {
				const response = await api.slots.GET(
					api.event(`/api/v1/slots?serviceId=aide-numerique-individuelle&${param}=${day}`)
				);
				expect(response.status).toBe(400);
				const body = await response.json();
				expect(body.error.code).toBe('invalid_query');
				expect(body.error.fields[0].field).toBe(param);
			}
		}
	);

	it('takes a leap day that exists', async () => {
		const response = await api.slots.GET(
			api.event('/api/v1/slots?serviceId=aide-numerique-individuelle&from=2028-02-29&to=2028-03-01')
		);
		expect(response.status).toBe(200);
	});
});
