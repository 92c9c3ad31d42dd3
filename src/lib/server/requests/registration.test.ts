/**
 * A request registered in a national system (issue 25, §4): social housing's "numéro unique",
 * recorded by an agent on a form that says it is registered so; she reads it with the date to
 * renew by; a month before that date she is reminded, once, on the channels she chose.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../catalogue/import';
import { callbackMutation, housingMutation } from '$tests/support/fixtures';
import { tempDatabase } from '$tests/support/temp-db';
import { agentAccount, mutation, sender } from '$tests/support/desk';
import { ownRecords } from '../devices/own-records';
import { queueDueRenewals } from '../notices/delivery';
import { composeNotice } from '../notices/compose';

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

const agent = await agentAccount(db, 'Claire Agent');
const send = sender(db, agent);

describe('the numéro unique', () => {
	it('is recorded by an agent on a housing application only, and read on her tablet', async () => {
		const tablet = `device-${randomUUID()}`;
		const housing = await send(tablet, housingMutation({ notify: ['sms'] }));
		expect(housing.status).toBe('applied');
		const register = mutation('request.register', {
			requestId: housing.recordId,
			number: ' 087 1226 12345 a '
		});
		const fromTablet = await send(tablet, { ...register, id: randomUUID() });
		expect(fromTablet.errors?.[0]?.code).toBe('staffOnly');
		expect((await send('desk', register)).status).toBe('applied');
		const [mine] = (await ownRecords(db, tablet)).requests;
		expect(mine!.registration).toMatchObject({ number: '087 1226 12345 A' });
		const year =
			Date.parse(mine!.registration!.renewBy) - Date.parse(mine!.registration!.registeredAt);
		expect(Math.round(year / 86_400_000)).toBeGreaterThanOrEqual(365);

		const bad = await send(
			'desk',
			mutation('request.register', { requestId: housing.recordId, number: '<b>' })
		);
		expect(bad.errors?.[0]).toMatchObject({ field: 'payload.number', code: 'invalidFormat' });
		// A callback request is registered nowhere.
		const callback = await send(tablet, callbackMutation('Rose Valentin'));
		const elsewhere = await send(
			'desk',
			mutation('request.register', { requestId: callback.recordId, number: '087 1226 12345 A' })
		);
		expect(elsewhere.errors?.[0]?.code).toBe('notRegistered');
	});

	it('asks her to renew a month before the date, once, and never a refused application', async () => {
		const tablet = `device-${randomUUID()}`;
		const now = new Date();
		const housing = await send(tablet, housingMutation({ notify: ['sms'] }));
		await send(
			'desk',
			mutation('request.register', { requestId: housing.recordId, number: 'ABC 12345' })
		);
		const count = () =>
			db
				.selectFrom('notices')
				.select(['kind', 'channel', 'event'])
				.where('subject_id', '=', housing.recordId!)
				.where('kind', '=', 'renewal')
				.execute();
		// Eleven months on: nothing yet; twelve months less a fortnight: one, and one only.
		await queueDueRenewals(db, new Date(now.getTime() + 300 * 86_400_000));
		expect(await count()).toEqual([]);
		const due = new Date(now.getTime() + 352 * 86_400_000);
		await queueDueRenewals(db, due);
		await queueDueRenewals(db, due);
		expect(await count()).toEqual([expect.objectContaining({ kind: 'renewal', channel: 'sms' })]);

		const refused = await send(tablet, housingMutation({ notify: ['sms'] }));
		await send(
			'desk',
			mutation('request.register', { requestId: refused.recordId, number: 'XYZ 98765' })
		);
		await send(
			'desk',
			mutation('request.setStatus', {
				requestId: refused.recordId,
				from: 'received',
				to: 'refused',
				message: 'Dossier incomplet.'
			})
		);
		await queueDueRenewals(db, due);
		const none = await db
			.selectFrom('notices')
			.select('id')
			.where('subject_id', '=', refused.recordId!)
			.where('kind', '=', 'renewal')
			.execute();
		expect(none).toEqual([]);
	});

	it('is said in the reminder, with the date, and the SMS says no more than it must', () => {
		const sent = composeNotice(
			{
				noticeId: 'n',
				kind: 'renewal',
				wording: null,
				language: 'fr',
				personName: 'Jeanne Martin',
				request: {
					reference: 'D-7KM-4QX',
					service: { fr: 'Demande de logement social' },
					status: 'in_progress',
					message: null,
					registration: { number: '087 1226 12345 A', renewBy: '2027-12-14T09:00:00.000Z' }
				},
				links: { stop: 'https://x.example/r/stop', list: 'https://x.example/mes-demandes' }
			},
			'33612345678'
		);
		expect(sent.subject).toBe('Pensez à renouveler votre demande de logement social (D-7KM-4QX)');
		expect(sent.text).toContain('doit être renouvelée avant le 14 décembre 2027');
		expect(sent.text).toContain('Numéro unique : 087 1226 12345 A');
		expect(sent.sms).toContain('n° 087 1226 12345 A est à renouveler avant le 14 décembre 2027');
	});
});
