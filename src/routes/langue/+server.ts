import { json, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { isLanguage } from '$lib/i18n/languages';
import { sameSitePath } from '$lib/server/security/same-site-path';
import { CHOICE_COOKIE } from '$lib/settings/cookies';
import { LANGUAGE_KEY } from '$lib/settings/language-choice';

/**
 * The language menu's form, for a browser without JavaScript (with it, the menu switches on the
 * device and never posts): keeps the choice in the cookie the server reads, then goes back.
 */
export async function POST({ request, cookies, url }) {
	const form = await formOf(request);
	const lang = form.get('lang');
	if (!isLanguage(lang)) {
		return json(
			{
				error: {
					code: 'invalid_language',
					message: 'Choose one of the languages offered.',
					fields: [{ field: 'lang', code: 'invalidChoice' }]
				}
			},
			{ status: 400 }
		);
	}
	cookies.set(LANGUAGE_KEY, lang, CHOICE_COOKIE);
	redirect(303, sameSitePath(form.get('next'), url.origin));
}
