import Dexie, { type EntityTable } from 'dexie';
import type { Service, Theme } from '$lib/catalogue/types';
import type { FormDefinition } from '$lib/forms/types';
import type { CachedSlots, Draft, Profile, ServerRecord } from './device-types';
import type { OutboxItem } from './outbox-types';
import type { StoredStaffCopy } from '$lib/staff/offline/staff-copy';
import type { StoredPage } from '$lib/documents/pages';

export interface MetaEntry {
	key: string;
	value: unknown;
}

/** The device's store: every page reads from here, and only the sync engine writes server data to it. */
export class PortalDatabase extends Dexie {
	themes!: EntityTable<Theme, 'id'>;
	services!: EntityTable<Service, 'id'>;
	meta!: EntityTable<MetaEntry, 'key'>;
	forms!: EntityTable<FormDefinition, 'id'>;
	outbox!: EntityTable<OutboxItem, 'id'>;
	drafts!: EntityTable<Draft, 'formId'>;
	profile!: EntityTable<Profile, 'key'>;
	records!: EntityTable<ServerRecord, 'id'>;
	slots!: EntityTable<CachedSlots, 'serviceId'>;
	/** Requests an agent opened, so she can go on offline; wiped at sign-out (see staff-copy.ts). */
	staffRequests!: EntityTable<StoredStaffCopy, 'id'>;
	/** The pages of her documents, as Blobs, until the town hall has them whole. */
	documentPages!: EntityTable<StoredPage, 'id'>;

	constructor(name = 'portail-seniors') {
		super(name);
		this.version(1).stores({
			themes: 'id, position',
			services: 'id, themeId, position',
			meta: 'key'
		});
		this.version(2).stores({ forms: 'id, serviceId' });
		this.version(3).stores({ outbox: 'id, status, createdAt' });
		this.version(4).stores({
			outbox: 'id, status, createdAt, type',
			drafts: 'formId, updatedAt',
			profile: 'key',
			records: 'id, kind',
			slots: 'serviceId'
		});
		this.version(5).stores({ staffRequests: 'id, loadedAt' });
		// Copies are sealed with the session's key from now on: those kept in clear before go.
		this.version(6)
			.stores({ staffRequests: 'id, loadedAt' })
			.upgrade((tx) => tx.table('staffRequests').clear());
		this.version(7).stores({ documentPages: 'id, formId' });
	}

	async getMeta<T>(key: string): Promise<T | undefined> {
		return (await this.meta.get(key))?.value as T | undefined;
	}
}

let instance: PortalDatabase | undefined;

/** The one Dexie instance of the app, made on first use (never on the server). */
export function portalDb(): PortalDatabase {
	instance ??= new PortalDatabase();
	return instance;
}
