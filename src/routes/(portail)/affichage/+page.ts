export async function load({ parent, url }) {
	const { i18n } = await parent();
	// Set by the form's no-JavaScript path after the cookie was written.
	return { title: i18n.t('display.title'), saved: url.searchParams.has('enregistre') };
}
