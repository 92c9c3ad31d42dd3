import { API } from '$lib/contract/client';
import { inboxPageSchema } from '$lib/contract/staff';
import { portalDb } from '$lib/offline/db';
import { readCopies } from '$lib/staff/offline/staff-copy';
import type { InboxFilters, InboxPage } from '$lib/staff/inbox';
import { staffGet } from '$lib/staff/staff-api';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ fetch, url }) {
	const title = staffTranslator('fr').t('staff.inbox.title');
	const answer = await staffGet(fetch, API.staffRequests(url.search), inboxPageSchema, url);
	if (!answer.offline) return { title, ...answer.data, offlineCopies: null };
	// Offline: only the requests opened on this device are here, so filters would mislead.
	const copies = await readCopies(portalDb());
	return {
		title,
		filters: {} as InboxFilters,
		invalid: [] as (keyof InboxFilters)[],
		total: copies.length,
		limit: copies.length,
		forms: [],
		requests: copies.map((c) => ({
			id: c.id,
			reference: c.detail.request.reference,
			personName: c.detail.request.personName,
			formId: c.detail.form.id,
			formTitle: c.formTitle,
			serviceId: '',
			createdAt: c.detail.request.createdAt,
			status: c.detail.request.status,
			thread: null
		})),
		offlineCopies: copies.length
	} satisfies InboxPage & { title: string; offlineCopies: number };
}
