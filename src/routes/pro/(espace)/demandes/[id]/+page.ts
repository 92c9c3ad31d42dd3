import { API } from '$lib/contract/client';
import { requestDetailSchema } from '$lib/contract/staff';
import { browser } from '$app/environment';
import { error } from '@sveltejs/kit';
import { portalDb } from '$lib/offline/db';
import {
	keepCopy,
	queueStaffWrite,
	readCopy,
	staffWriteTicket
} from '$lib/staff/offline/staff-copy';
import { forgetSentChanges } from '$lib/staff/offline/status-change';
import type { RequestDetail } from '$lib/staff/request-detail';
import { staffGet } from '$lib/staff/staff-api';
import { staffTranslator } from '$lib/staff/translator';
import { isRequestStatus } from '$lib/contract/requests';

export async function load({ fetch, params, parent, url }) {
	const ticket = staffWriteTicket();
	const answer = await staffGet(fetch, API.staffRequest(params.id), requestDetailSchema, url);
	let detail: RequestDetail;
	let copiedAt: number | null = null;
	if (answer.offline) {
		const copy = await readCopy(portalDb(), params.id);
		if (!copy) error(503, 'staff.offline.notLoaded');
		detail = copy.detail;
		copiedAt = copy.loadedAt;
	} else {
		detail = answer.data;
		// The agent may lose the connection next: she can still read it and change its status.
		if (browser) {
			const ownerId = (await parent()).staff.id;
			void queueStaffWrite(ticket, async () => {
				await keepCopy(portalDb(), ownerId, detail);
				await forgetSentChanges(detail.request.id);
			});
		}
	}
	const saved = url.searchParams.get('enregistre');
	return {
		title: staffTranslator('fr').t('staff.request.title', { reference: detail.request.reference }),
		...detail,
		copiedAt,
		// A fresh id per rendering: pressing "Enregistrer" twice applies the change once.
		mutationId: crypto.randomUUID(),
		caseIds: { note: crypto.randomUUID(), assign: crypto.randomUUID() },
		messageId: crypto.randomUUID(),
		registerId: crypto.randomUUID(),
		registrationSaved: url.searchParams.get('numero') === 'enregistre',
		messageSent: url.searchParams.get('message') === 'envoye',
		caseDone: url.searchParams.get('dossier'),
		saved: isRequestStatus(saved) ? saved : null
	};
}
