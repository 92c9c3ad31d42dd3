import { portalDb } from '$lib/offline/db';

// Her details never leave this device: the page renders from its store only.
export const ssr = false;

export async function load({ parent }) {
	const { i18n } = await parent();
	return { profile: await portalDb().profile.get('me'), title: i18n.t('profile.title') };
}
