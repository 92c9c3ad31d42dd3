import { error } from '@sveltejs/kit';
import { portalDb } from '$lib/offline/db';
import type { Draft } from '$lib/offline/device-types';
import { ensureCatalogue } from '$lib/offline/sync-engine';

/** A form, its service, the person's draft and details: everything a form page needs, from the device. */
export async function formContext(formId: string) {
	if (!(await ensureCatalogue())) error(503, 'catalogue not on this device yet');
	const db = portalDb();
	const form = await db.forms.get(formId);
	if (!form) error(404, 'errors.formNotFound');
	const [service, draft, profile] = await Promise.all([
		db.services.get(form.serviceId),
		db.drafts.get(formId),
		db.profile.get('me')
	]);
	return { form, service, draft, profile };
}

export async function saveDraft(draft: Omit<Draft, 'updatedAt'>) {
	await portalDb().drafts.put({ ...draft, updatedAt: new Date().toISOString() });
}

export async function deleteDraft(formId: string) {
	await portalDb().drafts.delete(formId);
}
