import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { PortalDatabase } from '$lib/offline/db';
import { enqueue } from '$lib/offline/outbox';
import type { RequestDetail } from '../request-detail';
import {
	COPY_MAX_AGE_MS,
	keepCopy,
	MAX_COPIES,
	readCopies,
	readCopy,
	queueStaffWrite,
	setOwner,
	staffWriteTicket,
	unsentChanges,
	wipeStaffCopies
} from './staff-copy';
import { forgetCopyKey, rememberCopyKey } from './copy-key';

/** A live session's key, as GET /api/v1/staff/me hands it out. */
const sessionKey = (hours = 2) =>
	rememberCopyKey(
		randomBytes(32).toString('base64url'),
		new Date(Date.now() + hours * 3_600_000).toISOString()
	);
beforeEach(() => sessionKey());

let n = 0;
const device = () => new PortalDatabase(`staff-copy-${++n}`);
const paul = { id: 'u-paul', name: 'Paul', role: 'agent' as const };
const lea = { id: 'u-lea', name: 'Léa', role: 'agent' as const };

const detail = (id: string, createdAt = '2026-11-20T09:00:00.000Z'): RequestDetail => ({
	request: {
		id,
		reference: `D-${id}`,
		personName: 'Jeanne',
		status: 'received',
		createdAt,
		helpedBy: null,
		answers: {},
		registration: null
	},
	form: { id: 'f', serviceId: 's', title: { fr: 'Rappel' }, version: 1, steps: [] },
	serviceTitle: 'Service',
	events: [],
	next: ['in_progress', 'refused'],
	case: { notes: [], assignee: null, agents: [], related: { requests: [], appointments: [] } },
	pages: [],
	messages: []
});

describe('the staff copies on a device', () => {
	it('are the signed-in agent’s only, and go when another agent signs in', async () => {
		const db = device();
		await setOwner(db, paul);
		await keepCopy(db, paul.id, detail('a'));
		expect((await readCopies(db)).map((c) => c.id)).toEqual(['a']);
		sessionKey();
		await setOwner(db, lea);
		expect(await readCopies(db)).toEqual([]);
		// A load that finishes after the change of agent keeps nothing of Paul's.
		await keepCopy(db, paul.id, detail('b'));
		expect(await db.staffRequests.count()).toBe(0);
	});

	it('grow old: past the idle limit (2 h) they are dropped; past 200 the oldest go', async () => {
		const db = device();
		await setOwner(db, paul);
		const now = Date.now();
		await keepCopy(db, paul.id, detail('old'), now - COPY_MAX_AGE_MS - 1);
		await keepCopy(db, paul.id, detail('new'), now);
		expect(await readCopy(db, 'old', now)).toBeUndefined();
		expect((await readCopy(db, 'new', now))?.detail.request.reference).toBe('D-new');
		for (let i = 0; i < MAX_COPIES + 5; i++) await keepCopy(db, paul.id, detail(`r${i}`), now + i);
		expect(await db.staffRequests.count()).toBe(MAX_COPIES);
		expect(await db.staffRequests.get('r0')).toBeUndefined();
	});

	it('are wiped at sign-out with the agent’s changes; her unsent ones only when she agrees', async () => {
		const db = device();
		await setOwner(db, paul);
		await keepCopy(db, paul.id, detail('a'));
		const change = { requestId: 'a', from: 'received', to: 'in_progress', message: '' } as const;
		await enqueue(db, 'request.setStatus', change, 'D-a');
		await enqueue(db, 'person.erasureRequest', {}, 'Effacement');
		await wipeStaffCopies(db, true);
		expect(await db.staffRequests.count()).toBe(0);
		expect(await unsentChanges(db)).toHaveLength(1);
		await wipeStaffCopies(db);
		expect(await unsentChanges(db)).toHaveLength(0);
		// What is not staff stays.
		expect((await db.outbox.toArray()).map((i) => i.type)).toEqual(['person.erasureRequest']);
	});

	it('are not brought back by a page that was loading when she signed out', async () => {
		const db = device();
		await setOwner(db, paul);
		// The page's request left before the sign-out; its answer comes after the wipe.
		const ticket = staffWriteTicket();
		await wipeStaffCopies(db);
		await queueStaffWrite(ticket, () => setOwner(db, paul));
		await queueStaffWrite(ticket, () => keepCopy(db, paul.id, detail('late')));
		expect(await db.staffRequests.count()).toBe(0);
		// A page opened after signing in again (a new session, a new key) keeps its copy.
		const next = staffWriteTicket();
		sessionKey();
		await queueStaffWrite(next, () => setOwner(db, paul));
		await queueStaffWrite(next, () => keepCopy(db, paul.id, detail('new')));
		expect(await db.staffRequests.count()).toBe(1);
	});

	it('are sealed: nothing personal in clear, nothing readable once the session’s key is gone', async () => {
		const db = device();
		await setOwner(db, paul);
		const secret = detail('s');
		secret.request.personName = 'Honorine Vasseur';
		secret.request.answers = { telephone: '06 11 22 33 44' };
		await keepCopy(db, paul.id, secret);
		const stored = await db.staffRequests.get('s');
		const raw = JSON.stringify(stored) + new TextDecoder().decode(stored!.sealed.data);
		expect(raw).not.toContain('Honorine');
		expect(raw).not.toContain('06 11 22 33 44');
		expect((await readCopy(db, 's'))?.detail.request.personName).toBe('Honorine Vasseur');
		// Signed out everywhere, the tab closed: no key, nothing to read, and nothing kept either.
		forgetCopyKey();
		expect(await readCopies(db)).toEqual([]);
		await keepCopy(db, paul.id, detail('t'));
		expect(await db.staffRequests.get('t')).toBeUndefined();
		// Signed in again: the new session's key cannot open the old copy, which goes.
		sessionKey();
		expect(await readCopies(db)).toEqual([]);
		expect(await db.staffRequests.count()).toBe(0);
	});

	it('are not read with a key past the time the server gave it for', async () => {
		const db = device();
		await setOwner(db, paul);
		await keepCopy(db, paul.id, detail('u'));
		expect(await readCopies(db, Date.now() + 3 * 3_600_000)).toEqual([]);
	});
});
