/**
 * Casework (issue 24, §2): an agent's notes on a request or an appointment, who follows it, and
 * her other records found by tablet, phone or e-mail. Notes stay at the office: never on her
 * tablet, given to her with her data, erased with it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../catalogue/import';
import { callbackMutation, staffIdentity } from '$tests/support/fixtures';
import { tempDatabase } from '$tests/support/temp-db';
import { agentAccount, mutation, sender } from '$tests/support/desk';
import { ownRecords } from '../devices/own-records';
import { exportDeviceData } from '../privacy/export';
import { carryOutErasure, pendingErasures } from '../privacy/erasure';
import { caseFileOf } from './reads';

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

const agent = await agentAccount(db, 'Claire Agent');
const colleague = await agentAccount(db, 'Paul Collègue');
const send = sender(db, agent);

async function requestFrom(tablet: string, phone = '06 12 34 56 78') {
	const m = callbackMutation('Rose Valentin');
	(m.payload.answers as Record<string, string>).telephone = phone;
	// The number she gives for her messages is the one kept with her request.
	Object.assign(m.payload, { contact: { phone, notify: ['sms'], notices: ['status'] } });
	const result = await send(tablet, m);
	expect(result.status).toBe('applied');
	return result.recordId!;
}

describe('notes on a case', () => {
	it('are written by an agent once, oldest first, with his name; a tablet cannot write one', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		const note = mutation('case.note', {
			subject: 'request',
			subjectId: id,
			text: '  Sa fille appelle le jeudi.  '
		});
		expect((await send('desk', note)).status).toBe('applied');
		// The same note sent again (a second press, a retry) is written once.
		expect((await send('desk', note)).status).toBe('duplicate');
		const later = mutation('case.note', { subject: 'request', subjectId: id, text: 'Rappelée.' });
		expect((await send('desk', later)).status).toBe('applied');
		// Her own tablet, or one signed in to help her, may not.
		const fromTablet = await send(tablet, { ...later, id: randomUUID() });
		expect(fromTablet.errors?.[0]?.code).toBe('staffOnly');
		const assisted = staffIdentity(agent, 'assisted');
		const helped = await send(tablet, { ...later, id: randomUUID() }, assisted);
		expect(helped.errors?.[0]?.code).toBe('staffOnly');

		const file = await caseFileOf(db, 'request', id);
		expect(file.notes.map((n) => [n.text, n.by])).toEqual([
			['Sa fille appelle le jeudi.', 'Claire Agent'],
			['Rappelée.', 'Claire Agent']
		]);
		// Never on her tablet.
		const own = JSON.stringify(await ownRecords(db, tablet));
		expect(own).toContain(id);
		expect(own).not.toContain('Sa fille');
	});

	it('refuses an empty note, one on nothing, and one on another kind of record', async () => {
		const id = await requestFrom(`device-${randomUUID()}`);
		const empty = await send(
			'desk',
			mutation('case.note', { subject: 'request', subjectId: id, text: '   ' })
		);
		expect(empty.errors?.[0]?.field).toBe('payload.text');
		const none = await send(
			'desk',
			mutation('case.note', { subject: 'request', subjectId: randomUUID(), text: 'Note' })
		);
		expect(none.errors?.[0]?.code).toBe('unknownRequest');
		const wrongKind = await send(
			'desk',
			mutation('case.note', { subject: 'appointment', subjectId: id, text: 'Note' })
		);
		expect(wrongKind.errors?.[0]?.code).toBe('unknownAppointment');
		expect((await caseFileOf(db, 'request', id)).notes).toEqual([]);
	});
});

describe('who follows a case', () => {
	it('is an active agent or nobody, the last choice kept', async () => {
		const id = await requestFrom(`device-${randomUUID()}`);
		const assign = (staffUserId: string | null) =>
			send('desk', mutation('case.assign', { subject: 'request', subjectId: id, staffUserId }));
		// Two agents naming someone at once: both applied, one of them kept.
		const both = await Promise.all([assign(colleague.id), assign(agent.id)]);
		expect(both.map((r) => r.status)).toEqual(['applied', 'applied']);
		expect([colleague.id, agent.id]).toContain((await caseFileOf(db, 'request', id)).assignee?.id);
		expect((await assign(colleague.id)).status).toBe('applied');
		const file = await caseFileOf(db, 'request', id);
		expect(file.assignee).toEqual({ id: colleague.id, name: 'Paul Collègue' });
		expect(file.agents.map((a) => a.name)).toEqual(
			expect.arrayContaining(['Claire Agent', 'Paul Collègue'])
		);
		expect((await assign(randomUUID())).errors?.[0]?.code).toBe('unknownAgent');
		expect((await assign(null)).status).toBe('applied');
		expect((await caseFileOf(db, 'request', id)).assignee).toBeNull();
	});
});

describe('her other records', () => {
	it('are found by her tablet, her phone however typed, or her e-mail; not a stranger’s', async () => {
		const tablet = `device-${randomUUID()}`;
		// A mainland mobile of its own in this file's database (a random one could fall in an
		// overseas range, 0694…, which the SMS channel does not take, so no number is kept).
		const phone = '06 23 45 67 89';
		const first = await requestFrom(tablet, phone);
		const second = await requestFrom(tablet, '06 99 99 99 99');
		const sameNumber = await requestFrom(`device-${randomUUID()}`, `+33 ${phone.slice(1)}`);
		const stranger = await requestFrom(`device-${randomUUID()}`, '07 11 11 11 11');
		const related = (await caseFileOf(db, 'request', first)).related.requests.map((r) => r.id);
		expect(related).toEqual(expect.arrayContaining([second, sameNumber]));
		expect(related).not.toContain(first);
		expect(related).not.toContain(stranger);
		expect((await caseFileOf(db, 'request', first)).related.requests[0]?.serviceTitle).toMatch(
			/\w/
		);
	});
});

describe('her data', () => {
	it('gives her the notes on her case without naming the agent, and erases them with it', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		await send(
			'desk',
			mutation('case.note', { subject: 'request', subjectId: id, text: 'Vue au guichet.' })
		);
		await send(
			'desk',
			mutation('case.assign', { subject: 'request', subjectId: id, staffUserId: agent.id })
		);
		const mine = (await exportDeviceData(db, tablet)).requests[0]!;
		expect(mine.officeNotes.map((n) => n.text)).toEqual(['Vue au guichet.']);
		expect(mine.followedByAnAgent).toBe(true);
		expect(JSON.stringify(mine)).not.toContain('Claire');

		const asked = await send(tablet, mutation('person.erasureRequest', {}));
		const entry = (await pendingErasures(db)).find((e) => e.reference === asked.reference)!;
		expect(await carryOutErasure(db, entry.id, agent.id)).toBe(true);
		const left = await db
			.selectFrom('case_notes')
			.select('id')
			.where('subject_id', '=', id)
			.execute();
		expect(left).toEqual([]);
	});
});
