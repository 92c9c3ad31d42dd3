import type { PortalDatabase } from '$lib/offline/db';
import type { RequestDetail } from '../request-detail';
import { copyKey, forgetCopyKey, seal, unseal, type Sealed } from './copy-key';

/** Who the device's staff copies belong to: another agent signing in on the same computer gets none. */
export interface StaffOwner {
	id: string;
	name: string;
	role: 'agent' | 'admin';
}

/** A request an agent opened, kept so she can read it and change its status without a connection. */
export interface StaffCopy {
	id: string;
	ownerId: string;
	detail: RequestDetail;
	formTitle: string;
	loadedAt: number;
}

/**
 * How a copy is stored: everything about the person sealed with the session's key (AES-GCM), in
 * clear only what finds and ages it.
 */
export interface StoredStaffCopy {
	id: string;
	ownerId: string;
	sealed: Sealed;
	loadedAt: number;
}

const OWNER_KEY = 'staff.owner';
/** The idle limit of a session (2 h): a copy is never kept longer than the session could last
 * without the server hearing from the agent. */
export const COPY_MAX_AGE_MS = 2 * 3_600_000;
/** Enough for a day's work, few enough that a lost computer holds little. */
export const MAX_COPIES = 200;

let writes: Promise<unknown> = Promise.resolve();
/** How many times this tab wiped the staff data on a sign-out or an ended session. */
let wipes = 0;

/**
 * Taken when a staff load starts, before its request. A load still in flight when she signs out
 * (a re-run after a change was applied, say) answers after the wipe: its ticket has expired, so
 * it neither restores the owner and the key nor keeps a copy.
 */
export function staffWriteTicket(): number {
	return wipes;
}

export function ticketValid(ticket: number): boolean {
	return ticket === wipes;
}

/**
 * Runs the device's staff writes one after the other without making a page wait for them: a load
 * that awaited IndexedDB would hold up the page's first render. Order matters (a change of agent
 * wipes before the new agent's copies are kept). A write whose ticket expired is dropped.
 */
export function queueStaffWrite(ticket: number, task: () => Promise<unknown>): Promise<unknown> {
	writes = writes.then(() => (ticketValid(ticket) ? task() : undefined)).catch(() => undefined);
	return writes;
}

export function readOwner(db: PortalDatabase): Promise<StaffOwner | undefined> {
	return db.getMeta<StaffOwner>(OWNER_KEY);
}

/** Called with the signed-in agent: a change of person first wipes the previous one's copies. */
export async function setOwner(db: PortalDatabase, owner: StaffOwner): Promise<void> {
	const previous = await readOwner(db);
	if (previous && previous.id !== owner.id) await wipe(db, false);
	await db.meta.put({ key: OWNER_KEY, value: owner });
}

export async function keepCopy(
	db: PortalDatabase,
	ownerId: string,
	detail: RequestDetail,
	now = Date.now()
): Promise<void> {
	// Signed out meanwhile (the owner is wiped with the copies): a late load keeps nothing.
	if ((await readOwner(db))?.id !== ownerId) return;
	// No key from a live session: nothing is kept rather than kept readable.
	const key = await copyKey(now);
	if (!key) return;
	await db.staffRequests.put({
		id: detail.request.id,
		ownerId,
		sealed: await seal(key, { detail, formTitle: detail.form.title.fr ?? '' }),
		loadedAt: now
	});
	const count = await db.staffRequests.count();
	if (count > MAX_COPIES) {
		const oldest = await db.staffRequests
			.orderBy('loadedAt')
			.limit(count - MAX_COPIES)
			.primaryKeys();
		await db.staffRequests.bulkDelete(oldest);
	}
}

/**
 * The agent's copies still young enough to show, newest request first; stale ones are dropped.
 * Without the session's key (ended, or never given to this tab) none can be read.
 */
export async function readCopies(db: PortalDatabase, now = Date.now()): Promise<StaffCopy[]> {
	const owner = await readOwner(db);
	await db.staffRequests
		.where('loadedAt')
		.below(now - COPY_MAX_AGE_MS)
		.delete();
	const key = await copyKey(now);
	if (!key || !owner) return [];
	const copies: StaffCopy[] = [];
	for (const stored of await db.staffRequests.toArray()) {
		if (stored.ownerId !== owner.id) continue;
		const open = await unseal<Pick<StaffCopy, 'detail' | 'formTitle'>>(key, stored.sealed);
		// Sealed by an earlier session: it can never be read again, so it goes.
		if (!open) await db.staffRequests.delete(stored.id);
		else copies.push({ ...stored, ...open });
	}
	return copies.sort((a, b) =>
		b.detail.request.createdAt.localeCompare(a.detail.request.createdAt)
	);
}

export async function readCopy(
	db: PortalDatabase,
	id: string,
	now = Date.now()
): Promise<StaffCopy | undefined> {
	return (await readCopies(db, now)).find((c) => c.id === id);
}

/**
 * Every staff datum the device holds: copies, the agent's name, and her status changes (the
 * message she wrote is about a senior). Changes not yet sent are kept only when `keepUnsent`.
 */
export async function wipeStaffCopies(db: PortalDatabase, keepUnsent = false): Promise<void> {
	// Loads in flight now write nothing when they answer; what is queued already goes first, so
	// a copy being kept cannot come back once wiped.
	wipes++;
	await writes;
	await wipe(db, keepUnsent);
}

async function wipe(db: PortalDatabase, keepUnsent: boolean) {
	forgetCopyKey();
	await db.transaction('rw', db.staffRequests, db.meta, db.outbox, async () => {
		await db.staffRequests.clear();
		await db.meta.delete(OWNER_KEY);
		const changes = db.outbox.where('type').equals('request.setStatus');
		await (keepUnsent ? changes.filter((i) => i.status !== 'pending') : changes).delete();
	});
}

/** Status changes written on this device and not yet sent. */
export function unsentChanges(db: PortalDatabase) {
	return db.outbox
		.where('type')
		.equals('request.setStatus')
		.filter((i) => i.status === 'pending')
		.toArray();
}
