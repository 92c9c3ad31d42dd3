import { describe, expect, it } from 'vitest';
import { PortalDatabase } from '$lib/offline/db';
import { enqueue } from '$lib/offline/outbox';
import type { RequestDetail } from '../request-detail';
import {
	COPY_MAX_AGE_MS,
	keepCopy,
	MAX_COPIES,
	readCopies,
	readCopy,
	setOwner,
	unsentChanges,
	wipeStaffCopies
} from './staff-copy';

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
		answers: {}
	},
	form: { id: 'f', serviceId: 's', title: { fr: 'Rappel' }, version: 1, steps: [] },
	serviceTitle: 'Service',
	events: [],
	next: ['in_progress', 'refused']
});

describe('the staff copies on a device', () => {
	it('are the signed-in agent’s only, and go when another agent signs in', async () => {
		const db = device();
		await setOwner(db, paul);
		await keepCopy(db, paul.id, detail('a'));
		expect((await readCopies(db)).map((c) => c.id)).toEqual(['a']);
		await setOwner(db, lea);
		expect(await readCopies(db)).toEqual([]);
		// A load that finishes after the change of agent keeps nothing of Paul's.
		await keepCopy(db, paul.id, detail('b'));
		expect(await db.staffRequests.count()).toBe(0);
	});

	it('grow old: past a working day they are dropped; past 200 the oldest go', async () => {
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
		const change = { requestId: 'a', from: 'received', to: 'in_progress', message: '' };
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
});
