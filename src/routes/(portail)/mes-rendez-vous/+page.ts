export const ssr = false;

export async function load({ parent }) {
	const { i18n } = await parent();
	return { title: i18n.t('booking.listTitle') };
}
