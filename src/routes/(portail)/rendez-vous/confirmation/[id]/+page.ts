import { error } from '@sveltejs/kit';
import { portalDb } from '$lib/offline/db';

export async function load({ params, parent }) {
	const { i18n } = await parent();
	const item = await portalDb().outbox.get(params.id);
	if (!item || !item.type.startsWith('appointment.')) error(404, 'errors.sendingNotFound');
	return { id: params.id, title: `${i18n.t('booking.title')} – ${item.label}` };
}
