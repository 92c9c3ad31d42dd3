// The person's own sendings live on this device (and in the server's answer to it): no server render.
export const ssr = false;

export async function load({ parent }) {
	const { i18n } = await parent();
	return { title: i18n.t('myRequests.title') };
}
