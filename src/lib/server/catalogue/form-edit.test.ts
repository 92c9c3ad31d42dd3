import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeService } from './columns';
import { catalogueDelta } from './delta';
import { importCatalogueFile } from './import';
import { applyMutation } from '../outbox/apply';
import { tempDatabase } from '$tests/support/temp-db';
import { createStaffUser } from '../staff/accounts';
import {
	changeDraft,
	discardDraft,
	earlierQuestions,
	formEditState,
	moveQuestion,
	publishDraft,
	putQuestion,
	removeQuestion,
	setFormOnline
} from './form-edit';
import { questionFromInput, questionValues } from './form-question';
import { conditionWords } from './form-condition';
import { staffTranslator } from '$lib/staff/translator';
import type { FormField } from '$lib/forms/types';

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

const admin = await createStaffUser(db, {
	email: 'admin@mairie.test',
	displayName: 'Claire Admin',
	role: 'admin',
	password: 'Une phrase de passe longue'
});
if (!('id' in admin)) throw new Error('admin not created');

const services = await db.selectFrom('catalogue_services').select('data').execute();
const withoutForm = services
	.map((r) => decodeService(r.data))
	.find((s) => !s.formId && s.action === 'contact')!;
const cursor = async () => Number((await catalogueDelta(db, null)).cursor);

const question = (raw: Record<string, string>) => {
	const result = questionFromInput({ type: 'text', required: 'on', ...raw });
	if (!result.field) throw new Error(`invalid question: ${result.errors.join(', ')}`);
	return result.field;
};

describe('editing a service’s online form', () => {
	it('keeps a draft off the tablets until it is published, then sends form and service', async () => {
		const before = await cursor();
		await changeDraft(db, withoutForm.id, admin.id, (form) => {
			putQuestion(form, 1, null, question({ label: 'Depuis quand vivez-vous seule ?' }));
		});
		const state = await formEditState(db, withoutForm.id);
		expect(state?.live).toBeNull();
		expect(state?.draft?.updatedBy).toBe('Claire Admin');
		expect(state?.draft?.form.steps.map((s) => s.fields.map((f) => f.name))).toEqual([
			['nom', 'telephone'],
			['demande', 'depuis-quand-vivez-vous-seule']
		]);
		expect(await cursor()).toBe(before);

		const published = await publishDraft(db, withoutForm.id);
		expect(published).toEqual({ problems: [], version: 1 });
		const delta = await catalogueDelta(db, before);
		const formId = state!.draft!.form.id;
		expect(delta.forms.map((f) => [f.id, f.version])).toEqual([[formId, 1]]);
		expect(delta.services.find((s) => s.id === withoutForm.id)?.formId).toBe(formId);
		expect((await formEditState(db, withoutForm.id))?.draft).toBeNull();
	});

	it('publishes each change as the next version; a request is still read against its own', async () => {
		const state = (await formEditState(db, withoutForm.id))!;
		const formId = state.live!.form.id;
		const send = (version: number, answers: Record<string, unknown>) =>
			applyMutation(
				db,
				'd'.repeat(64),
				{
					id: randomUUID(),
					type: 'request.submit',
					createdAt: new Date().toISOString(),
					payload: { formId, formVersion: version, answers }
				},
				new Date()
			);
		await changeDraft(db, withoutForm.id, admin.id, (form) => {
			putQuestion(
				form,
				1,
				null,
				question({ label: 'Avez-vous un animal ?', type: 'radio', options: 'Oui\nNon' })
			);
			moveQuestion(form, 1, 'avez-vous-un-animal', -1);
			removeQuestion(form, 1, 'depuis-quand-vivez-vous-seule');
		});
		expect(await publishDraft(db, withoutForm.id)).toEqual({ problems: [], version: 2 });
		const answers = { nom: 'Jeanne Petit', telephone: '06 12 34 56 78', demande: '' };
		expect((await send(1, { ...answers, 'depuis-quand-vivez-vous-seule': '2019' })).status).toBe(
			'applied'
		);
		expect((await send(2, { ...answers, 'avez-vous-un-animal': 'peut-etre' })).errors).toEqual([
			expect.objectContaining({ field: 'answers.avez-vous-un-animal', code: 'invalidChoice' })
		]);
		expect((await send(2, { ...answers, 'avez-vous-un-animal': 'oui' })).status).toBe('applied');
		const versions = await db
			.selectFrom('form_versions')
			.select('version')
			.where('form_id', '=', formId)
			.execute();
		expect(versions.map((v) => v.version)).toEqual([1, 2]);
	});

	it('refuses to publish a step left without questions, and can throw a draft away', async () => {
		await changeDraft(db, withoutForm.id, admin.id, (form) => {
			for (const field of [...form.steps[0]!.fields]) removeQuestion(form, 0, field.name);
		});
		expect(await publishDraft(db, withoutForm.id)).toEqual({
			problems: [{ code: 'emptyStep', step: 0 }]
		});
		await discardDraft(db, withoutForm.id);
		expect((await formEditState(db, withoutForm.id))?.live?.form.steps[0]?.fields).toHaveLength(2);
	});

	it('withdraws the form from tablets with its service’s offer, and brings both back', async () => {
		const before = await cursor();
		expect(await setFormOnline(db, withoutForm.id, false)).toBe(true);
		const gone = await catalogueDelta(db, before);
		const state = (await formEditState(db, withoutForm.id))!;
		expect(gone.deleted.forms).toEqual([state.live!.form.id]);
		expect(gone.services.find((s) => s.id === withoutForm.id)?.formId).toBeUndefined();
		expect(state.live?.withdrawn).toBe(true);

		expect(await setFormOnline(db, withoutForm.id, true)).toBe(true);
		const back = await catalogueDelta(db, await cursor().then((c) => c - 2));
		expect(back.forms.map((f) => f.id)).toEqual([state.live!.form.id]);
		expect(back.services.find((s) => s.id === withoutForm.id)?.formId).toBe(state.live!.form.id);
	});
});

describe('a question as the administrator describes it', () => {
	it('turns plain choices into a field and back', () => {
		const result = questionFromInput({
			label: 'Quel repas ?',
			type: 'radio',
			required: 'on',
			options: 'Déjeuner\n\nDîner\nDéjeuner',
			hint: ''
		});
		expect(result.field).toEqual({
			type: 'radio',
			label: { fr: 'Quel repas ?' },
			required: true,
			options: [
				{ value: 'dejeuner', label: { fr: 'Déjeuner' } },
				{ value: 'diner', label: { fr: 'Dîner' } }
			]
		});
		expect(questionValues({ name: 'repas', ...result.field! })).toMatchObject({
			label: 'Quel repas ?',
			type: 'radio',
			required: 'on',
			options: 'Déjeuner\nDîner'
		});
	});

	it('asks for a document with what it is: an identity paper is said so, and kept no longer', () => {
		const result = questionFromInput({
			label: 'Votre pièce d’identité',
			type: 'document',
			required: 'on',
			documentKind: 'identity'
		});
		expect(result.field).toEqual({
			type: 'document',
			label: { fr: 'Votre pièce d’identité' },
			required: true,
			documentKind: 'identity'
		});
		expect(questionValues({ name: 'piece', ...result.field! }).documentKind).toBe('identity');
		// Not said: any other document. A kind the page never offers: refused by name.
		const plain = questionFromInput({ label: 'Un justificatif', type: 'document', required: 'on' });
		expect(plain.field?.documentKind).toBe('other');
		const forged = questionFromInput({
			label: 'Un justificatif',
			type: 'document',
			documentKind: 'passport'
		});
		expect(forged.errors).toEqual(['documentKind']);
		// Another kind of question carries none.
		expect(questionFromInput({ label: 'Votre nom', type: 'text' }).field).not.toHaveProperty(
			'documentKind'
		);
	});

	it('keeps the translations of what the edit left unchanged, and drops those of what it changed', () => {
		const previous = {
			name: 'repas',
			type: 'radio' as const,
			required: true,
			label: { fr: 'Quel repas ?', ar: 'أي وجبة؟' },
			hint: { fr: 'Un seul', ar: 'واحدة فقط' },
			options: [
				{ value: 'dejeuner', label: { fr: 'Déjeuner', ar: 'الغداء' } },
				{ value: 'diner', label: { fr: 'Dîner', ar: 'العشاء' } }
			]
		};
		const result = questionFromInput(
			{
				label: 'Quel repas ?',
				type: 'radio',
				required: 'on',
				options: 'Déjeuner\nSouper',
				hint: 'Un ou deux'
			},
			previous
		);
		expect(result.field).toEqual({
			type: 'radio',
			label: { fr: 'Quel repas ?', ar: 'أي وجبة؟' },
			hint: { fr: 'Un ou deux' },
			required: true,
			options: [
				{ value: 'dejeuner', label: { fr: 'Déjeuner', ar: 'الغداء' } },
				{ value: 'souper', label: { fr: 'Souper' } }
			]
		});
	});

	it('names every problem by its field', () => {
		expect(questionFromInput({ label: 'A', type: 'radio', options: 'Seul' }).errors).toEqual([
			'label',
			'options'
		]);
		expect(
			questionFromInput({ label: 'Une liste', type: 'radio', options: 'Seul' }).errors
		).toEqual(['options']);
		expect(
			questionFromInput({ label: 'Votre âge', type: 'number', min: '90', max: '60' }).errors
		).toEqual(['max']);
		expect(questionFromInput({ label: 'Votre âge', type: 'couleur' }).errors).toEqual(['type']);
	});

	it('keeps an option’s stored value while its wording stays, so old answers still read right', () => {
		const first = questionFromInput({
			label: 'Quel jour ?',
			type: 'select',
			options: 'Lundi\nMardi'
		});
		const previous = { name: 'jour', ...first.field! };
		previous.options![0]!.value = 'lun';
		const again = questionFromInput(
			{ label: 'Quel jour ?', type: 'select', options: 'Lundi\nMercredi' },
			previous
		);
		expect(again.field?.options?.map((o) => o.value)).toEqual(['lun', 'mercredi']);
	});
});

describe('a question’s condition, as the administrator writes it', () => {
	const seule = {
		name: 'seule',
		type: 'radio' as const,
		label: { fr: 'Vivez-vous seule ?' },
		required: true,
		options: [
			{ value: 'oui', label: { fr: 'Oui' } },
			{ value: 'non', label: { fr: 'Non, avec d’autres' } }
		]
	};
	const combien = {
		name: 'combien',
		type: 'number' as const,
		label: { fr: 'Combien de personnes ?' },
		required: true
	};
	const base = { label: 'Leurs prénoms', type: 'textarea' };

	it('reads a choice by its wording and a number, and gives them back alike', () => {
		const result = questionFromInput(
			{
				...base,
				ifField0: 'seule',
				ifOp0: 'equals',
				ifValue0: ' non, AVEC d’autres ',
				ifField1: 'combien',
				ifOp1: 'gte',
				ifValue1: '2',
				ifJoin: 'all'
			},
			undefined,
			[seule, combien]
		);
		expect(result.field?.showIf).toEqual({
			all: [
				{ field: 'seule', op: 'equals', value: 'non' },
				{ field: 'combien', op: 'gte', value: 2 }
			]
		});
		const values = questionValues({ name: 'prenoms', ...result.field! }, [seule, combien]);
		expect(values).toMatchObject({
			ifField0: 'seule',
			ifOp0: 'equals',
			ifValue0: 'Non, avec d’autres',
			ifField1: 'combien',
			ifValue1: '2',
			ifJoin: 'all'
		});
		expect(conditionWords(result.field!.showIf!, [seule, combien], staffTranslator('fr').t)).toBe(
			'« Vivez-vous seule ? » est « Non, avec d’autres » et « Combien de personnes ? » est au moins 2'
		);
	});

	it('reads an age on a date of birth, in years', () => {
		const naissance = {
			name: 'naissance',
			type: 'date' as const,
			label: { fr: 'Sa date de naissance' },
			required: true
		};
		const asked = (op: string, value: string, on: FormField = naissance) =>
			questionFromInput({ ...base, ifField0: on.name, ifOp0: op, ifValue0: value }, undefined, [
				on,
				combien
			]);
		const adult = asked('ageAtLeast', '18');
		expect(adult.field?.showIf).toEqual({ field: 'naissance', op: 'ageAtLeast', value: 18 });
		expect(conditionWords(adult.field!.showIf!, [naissance], staffTranslator('fr').t)).toBe(
			'« Sa date de naissance » donne un âge d’au moins 18 ans'
		);
		// Not a whole number of years, or not on a date: the row is named.
		expect(asked('ageUnder', '17,5').errors).toContain('ifValue0');
		expect(asked('ageUnder', '18', combien).errors).toContain('ifValue0');
	});

	it('names each wrong row, and keeps no condition when none is filled', () => {
		expect(
			questionFromInput(
				{
					...base,
					ifField0: 'plus-tard',
					ifOp0: 'answered',
					ifField1: 'seule',
					ifOp1: 'equals',
					ifValue1: 'Peut-être',
					ifField2: 'seule',
					ifOp2: 'gt',
					ifValue2: '3'
				},
				undefined,
				[seule]
			).errors
		).toEqual(['ifField0', 'ifValue1', 'ifValue2']);
		expect(questionFromInput({ ...base, ifOp0: 'equals' }, undefined, [seule]).field?.showIf).toBe(
			undefined
		);
		expect(
			questionFromInput(
				{ ...base, ifField0: 'seule', ifOp0: 'oneOf', ifValue0: 'Oui\nnon, avec d’autres' },
				undefined,
				[seule]
			).field?.showIf
		).toEqual({ field: 'seule', op: 'oneOf', values: ['oui', 'non'] });
	});

	it('lets a condition name only a question asked before', () => {
		const form = {
			steps: [
				{ title: { fr: 'Un' }, fields: [seule] },
				{ title: { fr: 'Deux' }, fields: [combien, { ...combien, name: 'ages' }] }
			]
		};
		expect(earlierQuestions(form, 1, 'ages').map((f) => f.name)).toEqual(['seule', 'combien']);
		expect(earlierQuestions(form, 1, 'combien').map((f) => f.name)).toEqual(['seule']);
		expect(earlierQuestions(form, 0, null).map((f) => f.name)).toEqual(['seule']);
	});
});
