/**
 * Messages on a request (issue 25, §3): the office writes, asks, asks for a document; she answers
 * from the tablet that sent the request, in words or with a photo; read receipts on both sides;
 * her notice says she has a message (never its words by SMS); the inbox says "réponse reçue".
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../catalogue/import';
import { callbackMutation, staffIdentity } from '$tests/support/fixtures';
import { tempDatabase } from '$tests/support/temp-db';
import { agentAccount, mutation, sender } from '$tests/support/desk';
import { ownRecords } from '../devices/own-records';
import { requestDetail } from '../requests/detail';
import { listInbox, parseFilters } from '../requests/inbox';
import { carryOutErasure, pendingErasures } from '../privacy/erasure';
import { serverConfig } from '../config';

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

const agent = await agentAccount(db, 'Claire Agent');
const send = sender(db, agent);

async function requestFrom(tablet: string) {
	const m = callbackMutation('Rose Valentin');
	Object.assign(m.payload, {
		contact: { phone: '06 12 34 56 78', notify: ['sms'], notices: ['status'] }
	});
	const result = await send(tablet, m);
	expect(result.status).toBe('applied');
	return result.recordId!;
}

const ask = (requestId: string, kind = 'question', extra: object = {}) =>
	mutation('message.send', { requestId, kind, body: 'Quel jour vous arrange ?', ...extra });

const herThread = async (tablet: string, id: string) =>
	(await ownRecords(db, tablet)).requests.find((r) => r.id === id)!.messages;

async function verifiedPage(tablet: string) {
	const id = randomUUID();
	await db
		.insertInto('document_pages')
		.values({
			id,
			device_hash: tablet,
			size: 1000,
			type: 'image/jpeg',
			sha256: 'b'.repeat(64),
			received: 1000,
			status: 'verified',
			request_id: null,
			created_at: new Date().toISOString(),
			completed_at: new Date().toISOString()
		})
		.execute();
	return { id, sha256: 'b'.repeat(64), size: 1000, type: 'image/jpeg' as const };
}

const inbox = async (query: string) =>
	(await listInbox(db, parseFilters(new URLSearchParams(query)).filters)).rows;

describe('the office writes', () => {
	it('asks for a document: she reads it from the office, never from an agent by name', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		const asked = ask(id, 'document', {
			body: 'Il nous manque votre avis d’impôt.',
			documentLabel: 'Votre dernier avis d’impôt'
		});
		expect((await send('desk', asked)).status).toBe('applied');
		expect((await send('desk', asked)).status).toBe('duplicate');
		const thread = await herThread(tablet, id);
		expect(thread).toEqual([
			expect.objectContaining({
				from: 'office',
				kind: 'document',
				documentLabel: 'Votre dernier avis d’impôt',
				helpedBy: null,
				readAt: null
			})
		]);
		expect(JSON.stringify(thread)).not.toContain('Claire');
		// Staff see who wrote it; the inbox says the office waits for her.
		expect((await requestDetail(db, agent, id))!.messages[0]!.by).toBe('Claire Agent');
		expect((await inbox('messages=awaiting')).map((r) => r.id)).toContain(id);
	});

	it('needs a document named to ask for one, and only an agent at his desk may write', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		const unnamed = await send('desk', ask(id, 'document'));
		expect(unnamed.errors?.[0]).toMatchObject({
			field: 'payload.documentLabel',
			code: 'documentLabelRequired'
		});
		expect((await send(tablet, ask(id))).errors?.[0]?.code).toBe('staffOnly');
		const helping = await send(tablet, ask(id), staffIdentity(agent, 'assisted'));
		expect(helping.errors?.[0]?.code).toBe('staffOnly');
		const empty = await send(
			'desk',
			mutation('message.send', { requestId: id, kind: 'message', body: '  ' })
		);
		expect(empty.status).toBe('rejected');
		// It goes out under the commune's name: no one's link in it.
		const lure = await send('desk', ask(id, 'message', { body: 'Payez ici : bit.ly/xyz' }));
		expect(lure.errors?.[0]).toMatchObject({ field: 'payload.body', code: 'noWebAddress' });
		const unknown = await send('desk', ask(randomUUID()));
		expect(unknown.errors?.[0]?.code).toBe('unknownRequest');
	});

	it('tells her once for messages in a row, by SMS without their words', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		await send(
			'desk',
			mutation('message.send', { requestId: id, kind: 'message', body: 'Bonjour.' })
		);
		await send('desk', ask(id));
		const notices = await db
			.selectFrom('notices')
			.select(['kind', 'status', 'channel'])
			.where('subject_id', '=', id)
			.where('kind', '=', 'message')
			.execute();
		expect(notices.filter((n) => n.status === 'pending')).toEqual([
			{ kind: 'message', status: 'pending', channel: 'sms' }
		]);
		expect(notices.filter((n) => n.status === 'dropped')).toHaveLength(1);
	});

	it('asks nothing more on a decided request, but may still write', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		const refuse = mutation('request.setStatus', {
			requestId: id,
			from: 'received',
			to: 'refused',
			message: 'Hors commune.'
		});
		expect((await send('desk', refuse)).status).toBe('applied');
		expect((await send('desk', ask(id))).errors?.[0]?.code).toBe('requestDecided');
		const note = mutation('message.send', {
			requestId: id,
			kind: 'message',
			body: 'Appelez-nous.'
		});
		expect((await send('desk', note)).status).toBe('applied');
	});
});

describe('she answers', () => {
	it('from her tablet only, in words or with a photo arrived whole, the question answered', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		const asked = ask(id, 'document', { documentLabel: 'Avis d’impôt' });
		await send('desk', asked);
		const page = await verifiedPage(tablet);
		const reply = mutation('message.reply', {
			requestId: id,
			body: 'Voici la page.',
			inReplyTo: asked.id,
			document: { pages: [page] }
		});
		// Another tablet is told the request does not exist; nothing is written.
		const elsewhere = await send(`device-${randomUUID()}`, { ...reply, id: randomUUID() });
		expect(elsewhere.errors?.[0]?.code).toBe('unknownRequest');
		const empty = await send(tablet, mutation('message.reply', { requestId: id, body: ' ' }));
		expect(empty.errors?.[0]).toMatchObject({ field: 'payload.body', code: 'messageEmpty' });
		const stray = await send(
			tablet,
			mutation('message.reply', { requestId: id, body: 'Oui', inReplyTo: randomUUID() })
		);
		expect(stray.errors?.[0]?.code).toBe('unknownMessage');
		const notHers = await verifiedPage(`device-${randomUUID()}`);
		const foreign = await send(
			tablet,
			mutation('message.reply', { requestId: id, body: '', document: { pages: [notHers] } })
		);
		expect(foreign.errors?.[0]?.code).toBe('documentNotReceived');

		expect(await send(tablet, reply)).toMatchObject({ status: 'applied' });
		const held = await db
			.selectFrom('document_pages')
			.select('request_id')
			.where('id', '=', page.id)
			.executeTakeFirstOrThrow();
		expect(held.request_id).toBe(id);
		expect((await herThread(tablet, id)).at(-1)).toMatchObject({
			from: 'resident',
			inReplyTo: asked.id,
			pages: [page.id]
		});
		// The office sees "réponse reçue" until an agent opens the request; the question is answered.
		expect((await inbox('messages=replied')).map((r) => r.id)).toContain(id);
		expect((await inbox('messages=awaiting')).map((r) => r.id)).not.toContain(id);
		const detail = (await requestDetail(db, agent, id))!;
		expect(detail.pages.map((p) => p.id)).toContain(page.id);
		expect((await inbox('messages=replied')).map((r) => r.id)).not.toContain(id);
		expect((await herThread(tablet, id)).at(-1)!.readAt).not.toBeNull();
	});

	it('written with an agent beside her, carries the agent’s name', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		const helped = mutation('message.reply', {
			requestId: id,
			body: 'Je viendrai mardi.',
			assisted: { consent: true }
		});
		expect((await send(tablet, helped, staffIdentity(agent, 'assisted'))).status).toBe('applied');
		expect((await herThread(tablet, id))[0]!.helpedBy).toBe('Claire Agent');
		// Her own sending while a session lingers names nobody.
		const alone = mutation('message.reply', { requestId: id, body: 'Merci.' });
		await send(tablet, alone, staffIdentity(agent, 'assisted'));
		expect((await herThread(tablet, id))[1]!.helpedBy).toBeNull();
	});

	it('reads the office’s messages: the agent sees when, and only her tablet can say so', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		const first = ask(id);
		await send('desk', first);
		const later = ask(id, 'message');
		await send('desk', later);
		const seen = mutation('message.seen', { requestId: id, upTo: first.id });
		const elsewhere = await send(`device-${randomUUID()}`, { ...seen, id: randomUUID() });
		expect(elsewhere.errors?.[0]?.code).toBe('unknownMessage');
		expect(await send(tablet, seen)).toMatchObject({ status: 'applied' });
		const thread = (await requestDetail(db, agent, id))!.messages;
		expect(thread[0]!.readAt).not.toBeNull();
		// Read up to the first: the later one is not.
		expect(thread[1]!.readAt).toBeNull();
	});

	it('may send so many a day from one tablet, and two at once both count', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		const quotas = serverConfig.quotas as { messagesPerDay: number };
		const before = quotas.messagesPerDay;
		quotas.messagesPerDay = 2;
		try {
			const write = () => mutation('message.reply', { requestId: id, body: 'Bonjour' });
			const results = await Promise.all([send(tablet, write()), send(tablet, write())]);
			expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
			const third = await send(tablet, write());
			expect(third.errors?.[0]?.code).toBe('quotaMessages');
			expect(await herThread(tablet, id)).toHaveLength(2);
		} finally {
			quotas.messagesPerDay = before;
		}
	});

	it('goes with her data when she asks to be forgotten', async () => {
		const tablet = `device-${randomUUID()}`;
		const id = await requestFrom(tablet);
		await send('desk', ask(id));
		await send(tablet, mutation('message.reply', { requestId: id, body: 'Le mardi.' }));
		const asked = await send(tablet, mutation('person.erasureRequest', {}));
		const entry = (await pendingErasures(db)).find((e) => e.reference === asked.reference)!;
		expect(await carryOutErasure(db, entry.id, agent.id)).toBe(true);
		const left = await db
			.selectFrom('request_messages')
			.select('id')
			.where('request_id', '=', id)
			.execute();
		expect(left).toEqual([]);
	});
});
