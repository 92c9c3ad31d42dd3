import { readMyData } from '$lib/settings/my-data';

// Read from the server for this tablet's key, kept on the device: rendered in the browser only.
export const ssr = false;

export async function load({ parent }) {
	const { i18n } = await parent();
	return { title: i18n.t('myData.title'), mine: await readMyData() };
}
