import { redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { CHOICE_COOKIE } from '$lib/settings/cookies';
import {
	CONTRASTS,
	DISPLAY_KEY,
	MOTIONS,
	SPACINGS,
	TEXT_SIZES,
	parseDisplay,
	serializeDisplay
} from '$lib/settings/display';

// Without JavaScript the form posts here; with it, the page saves on the device and never posts.
// Only `actions`, no `load`: the page itself still renders offline from the device.
export const actions = {
	default: async ({ request, cookies }) => {
		const form = await formOf(request);
		const settings = parseDisplay(
			[
				form.get('text') ?? TEXT_SIZES[0],
				form.get('contrast') ?? CONTRASTS[0],
				form.get('spacing') ?? SPACINGS[0],
				form.get('motion') ?? MOTIONS[0]
			].join('.')
		);
		cookies.set(DISPLAY_KEY, serializeDisplay(settings), CHOICE_COOKIE);
		redirect(303, '/affichage?enregistre');
	}
};
