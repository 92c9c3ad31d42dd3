import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { catalogueFileSchema } from '$lib/catalogue/file-schema';
import { PortalDatabase } from '$lib/offline/db';
import { normalizeCatalogue } from '$lib/server/catalogue/normalize';
import { HOUSING_MEMBER, HOUSING_REST, HOUSING_START } from '$tests/support/housing';
import { reopenRequest } from './reopen';

// "Signaler un changement de situation": her application, sent from this tablet, taken up again.

const file = v.parse(
	catalogueFileSchema,
	JSON.parse(readFileSync('commune/catalogue.json', 'utf8'))
);
const housing = normalizeCatalogue(file).forms.find((f) => f.id === 'logement-social')!;
const page = { id: 'a'.repeat(64), type: 'image/jpeg', size: 1000, width: 10, height: 10 };

let n = 0;
async function tabletWithApplication(registered: boolean) {
	const db = new PortalDatabase(`reopen-${++n}`);
	await db.forms.put({ ...housing, version: 1 });
	const id = randomUUID();
	const answers = {
		...HOUSING_START,
		...HOUSING_REST,
		nature: 'changement',
		'numero-unique': '087 12 26 00042',
		changements: ['foyer'],
		'avis-impot': { pages: [page] },
		foyer: [{ ...HOUSING_MEMBER, 'membre-identite': { pages: [page] } }]
	};
	await db.outbox.put({
		id,
		type: 'request.submit',
		payload: { formId: 'logement-social', formVersion: 1, answers },
		createdAt: '2026-01-10T10:00:00.000Z',
		attempts: 1,
		nextAttemptAt: 0,
		status: 'sent',
		label: 'Demande de logement social'
	});
	if (registered) {
		await db.records.put({
			id,
			kind: 'request',
			reference: 'D-ABC-DEF',
			serviceId: 'demande-logement-social',
			status: 'in_progress',
			registration: {
				number: '087 12 26 00099',
				registeredAt: '2026-01-20T10:00:00.000Z',
				renewBy: '2027-01-20T10:00:00.000Z'
			},
			updatedAt: '2026-01-20T10:00:00.000Z'
		});
	}
	return { db, id };
}

describe('taking her application up again', () => {
	it('starts a draft with her answers, the kind and the number set, without her papers or her last change', async () => {
		const { db, id } = await tabletWithApplication(true);
		expect(await reopenRequest(db, id, 'change')).toBe('/demandes/logement-social/etape/1');
		const draft = await db.drafts.get('logement-social');
		expect(draft?.step).toBe(1);
		expect(draft?.answers).toMatchObject({
			nature: 'changement',
			'numero-unique': '087 12 26 00099',
			nom: 'Jeanne Martin',
			'montant-retraite': '1400'
		});
		expect(draft?.answers).not.toHaveProperty('changements');
		expect(draft?.answers).not.toHaveProperty('avis-impot');
		expect(draft?.answers.foyer).toEqual([HOUSING_MEMBER]);
	});

	it('never overwrites a draft she started: she is taken back to it', async () => {
		const { db, id } = await tabletWithApplication(false);
		await db.drafts.put({
			formId: 'logement-social',
			answers: { nom: 'Jeanne' },
			step: 4,
			updatedAt: '2026-12-01T10:00:00.000Z'
		});
		expect(await reopenRequest(db, id, 'renewal')).toBe('/demandes/logement-social/etape/4');
		expect((await db.drafts.get('logement-social'))?.answers).toEqual({ nom: 'Jeanne' });
		// Renewed before any number was recorded: the number is hers to give.
		await db.drafts.clear();
		await reopenRequest(db, id, 'renewal');
		const draft = await db.drafts.get('logement-social');
		expect(draft?.answers.nature).toBe('renouvellement');
		expect(draft?.answers['numero-unique']).toBe('087 12 26 00042');
		// Not a request of hers on this tablet: nothing to take up.
		expect(await reopenRequest(db, randomUUID(), 'change')).toBeNull();
	});
});
