import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { DEMO_CATALOGUE, tempDatabase } from '$tests/support/temp-db';
import { catalogueDelta } from './delta';
import { importCatalogueFile } from './import';

let t: Awaited<ReturnType<typeof tempDatabase>>;

beforeEach(async () => {
	t = await tempDatabase();
});
afterEach(async () => {
	await t.close();
});

describe('catalogue import and deltas', () => {
	it('seeds every theme and service of the demo catalogue', async () => {
		const report = await importCatalogueFile(t.db, t.catalogue);
		expect(report).toMatchObject({ skipped: false, removed: 0 });
		const delta = await catalogueDelta(t.db, null);
		expect(delta.full).toBe(true);
		expect(delta.themes).toHaveLength(16);
		expect(delta.services.length).toBeGreaterThanOrEqual(120);
		const meals = delta.services.find((s) => s.id === 'portage-repas-domicile');
		expect(meals?.title.fr).toBe('Portage de repas à domicile');
		expect(meals?.contact.phone).toMatch(/^05 36 49/);
		expect(delta.cursor).toBe(String(report.changed));
	});

	it('skips an unchanged file and sends nothing new after the cursor', async () => {
		await importCatalogueFile(t.db, t.catalogue);
		const { cursor } = await catalogueDelta(t.db, null);
		expect((await importCatalogueFile(t.db, t.catalogue)).skipped).toBe(true);
		const delta = await catalogueDelta(t.db, Number(cursor));
		expect(delta).toMatchObject({ cursor, full: false, themes: [], services: [] });
		expect(delta.deleted).toEqual({ themes: [], services: [], forms: [] });
	});

	it('sends only the changed service and a tombstone for the removed one', async () => {
		await importCatalogueFile(t.db, t.catalogue);
		const before = Number((await catalogueDelta(t.db, null)).cursor);
		t.editCatalogue((file) => {
			const meals = file.services.find((s) => s.id === 'portage-repas-domicile')!;
			meals.summary = 'Des repas chauds livrés chez vous, sept jours sur sept.';
			file.services = file.services.filter((s) => s.id !== 'eclairage-nuit');
		});
		expect(await importCatalogueFile(t.db, t.catalogue)).toMatchObject({ changed: 1, removed: 1 });
		const delta = await catalogueDelta(t.db, before);
		expect(delta.full).toBe(false);
		expect(delta.services.map((s) => s.id)).toEqual(['portage-repas-domicile']);
		expect(delta.services[0]?.summary.fr).toContain('sept jours sur sept');
		expect(delta.deleted.services).toEqual(['eclairage-nuit']);
		expect(Number(delta.cursor)).toBe(before + 2);
		// A device that starts now never hears of the removed service at all.
		const fresh = await catalogueDelta(t.db, null);
		expect(fresh.services.some((s) => s.id === 'eclairage-nuit')).toBe(false);
		expect(fresh.deleted.services).toEqual([]);
	});

	it('sends the synonyms in a full answer, then only when they change', async () => {
		await importCatalogueFile(t.db, t.catalogue);
		const first = await catalogueDelta(t.db, null);
		expect(first.synonyms).toContainEqual(expect.arrayContaining(['médecin', 'docteur']));
		const cursor = Number(first.cursor);
		expect((await catalogueDelta(t.db, cursor)).synonyms).toBeUndefined();
		t.editCatalogue((file) => {
			(file as unknown as { synonyms: string[][] }).synonyms.push(['vélo', 'bicyclette']);
		});
		expect(await importCatalogueFile(t.db, t.catalogue)).toMatchObject({ changed: 1 });
		const delta = await catalogueDelta(t.db, cursor);
		expect(delta.services).toEqual([]);
		expect(delta.synonyms).toContainEqual(['vélo', 'bicyclette']);
		expect(Number(delta.cursor)).toBe(cursor + 1);
	});

	it('brings a removed service back with a new version', async () => {
		await importCatalogueFile(t.db, t.catalogue);
		t.editCatalogue(
			(file) => (file.services = file.services.filter((s) => s.id !== 'eclairage-nuit'))
		);
		await importCatalogueFile(t.db, t.catalogue);
		const cursor = Number((await catalogueDelta(t.db, null)).cursor);
		copyFileSync(DEMO_CATALOGUE, t.catalogue);
		await importCatalogueFile(t.db, t.catalogue);
		const delta = await catalogueDelta(t.db, cursor);
		expect(delta.services.map((s) => s.id)).toEqual(['eclairage-nuit']);
		expect(delta.deleted.services).toEqual([]);
	});

	it('imports the demo forms, links them to their services and marks bookable services', async () => {
		await importCatalogueFile(t.db, t.catalogue);
		const delta = await catalogueDelta(t.db, null);
		expect(delta.forms.map((f) => f.id).sort()).toEqual([
			'aide-numerique',
			'logement-social',
			'portage-repas',
			'rappel-conseiller',
			'registre-canicule',
			'teleassistance',
			'transport-accompagne'
		]);
		expect(delta.forms.every((f) => f.version === 1)).toBe(true);
		const heatwave = delta.services.find((s) => s.id === 'registre-canicule');
		expect(heatwave).toMatchObject({ formId: 'registre-canicule', bookable: false });
		expect(delta.services.find((s) => s.id === 'rendez-vous-conseillere-sociale')?.bookable).toBe(
			true
		);
		const hours = await t.db
			.selectFrom('opening_hours')
			.selectAll()
			.where('service_id', '=', 'rendez-vous-conseillere-sociale')
			.execute();
		expect(hours.length).toBe(8);
	});

	it('gives a changed form its next version and keeps the old one', async () => {
		await importCatalogueFile(t.db, t.catalogue);
		const cursor = Number((await catalogueDelta(t.db, null)).cursor);
		t.editCatalogue((file) => {
			const form = (file as unknown as { forms: { id: string; title: string }[] }).forms.find(
				(f) => f.id === 'portage-repas'
			)!;
			form.title = 'Demande de repas livrés';
		});
		await importCatalogueFile(t.db, t.catalogue);
		const delta = await catalogueDelta(t.db, cursor);
		expect(delta.forms.map((f) => [f.id, f.version])).toEqual([['portage-repas', 2]]);
		const versions = await t.db
			.selectFrom('form_versions')
			.select('version')
			.where('form_id', '=', 'portage-repas')
			.orderBy('version')
			.execute();
		expect(versions.map((v) => v.version)).toEqual([1, 2]);
	});

	it('answers a cursor from the future with everything, flagged as full', async () => {
		await importCatalogueFile(t.db, t.catalogue);
		const delta = await catalogueDelta(t.db, 999_999);
		expect(delta.full).toBe(true);
		expect(delta.services.length).toBeGreaterThanOrEqual(120);
	});

	it('refuses a catalogue whose service names an unknown theme, and changes nothing', async () => {
		await importCatalogueFile(t.db, t.catalogue);
		const cursor = (await catalogueDelta(t.db, null)).cursor;
		t.editCatalogue((file) => {
			file.services[0]!.theme = 'no-such-theme';
			file.services[1]!.summary = 'changed';
		});
		await expect(importCatalogueFile(t.db, t.catalogue)).rejects.toThrow(/unknown theme/);
		expect((await catalogueDelta(t.db, null)).cursor).toBe(cursor);
	});

	it('refuses a document kind on a question that asks no document', async () => {
		t.editCatalogue((file) => {
			file.forms[0]!.steps[0]!.fields[0]!.documentKind = 'identity';
		});
		await expect(importCatalogueFile(t.db, t.catalogue)).rejects.toThrow(
			/only a document question has a documentKind/
		);
	});

	it('refuses a new page marked on a question asked once, outside a person’s block', async () => {
		t.editCatalogue((file) => {
			file.forms[0]!.steps[0]!.fields[0]!.startsPage = true;
		});
		await expect(importCatalogueFile(t.db, t.catalogue)).rejects.toThrow(
			/starts a page outside a block/
		);
	});

	it('refuses a change of situation that names no such choice or number question', async () => {
		t.editCatalogue((file) => {
			const housing = file.forms.find((f) => f.id === 'logement-social')!;
			housing.registration!.reopen!.change = 'modification';
		});
		await expect(importCatalogueFile(t.db, t.catalogue)).rejects.toThrow(
			/registration\.reopen needs "nature" to offer "modification"/
		);
		t.editCatalogue((file) => {
			const housing = file.forms.find((f) => f.id === 'logement-social')!;
			housing.registration!.reopen = {
				...housing.registration!.reopen!,
				change: 'changement',
				number: 'nom-de-code'
			};
		});
		await expect(importCatalogueFile(t.db, t.catalogue)).rejects.toThrow(
			/registration\.reopen\.number "nom-de-code" is not a text question/
		);
	});

	it('names the field of a malformed catalogue', async () => {
		t.editCatalogue((file) => {
			file.services[2]!.title = '';
		});
		await expect(importCatalogueFile(t.db, t.catalogue)).rejects.toThrow(/services\.2\.title/);
	});
});
