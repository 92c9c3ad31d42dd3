import { bookingSendingOr404 } from '$lib/appointments/booking-sending.svelte';

export async function load({ params, parent }) {
	const { i18n } = await parent();
	const item = await bookingSendingOr404(params.id);
	return { id: params.id, title: `${i18n.t('booking.title')} – ${item.label}` };
}
