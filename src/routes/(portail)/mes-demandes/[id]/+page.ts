import { error } from '@sveltejs/kit';
import { portalDb } from '$lib/offline/db';

// Her thread with the office lives in the device's copy of her requests: no server render, and
// it opens offline.
export const ssr = false;

export async function load({ params, parent }) {
	const { i18n } = await parent();
	const record = await portalDb().records.get(params.id);
	if (record?.kind !== 'request') error(404, 'errors.requestNotFound');
	return {
		id: params.id,
		title: i18n.t('messages.title', { reference: record.reference })
	};
}
