import { redirect } from '@sveltejs/kit';
import {
	CONTRASTS,
	DISPLAY_KEY,
	MOTIONS,
	SPACINGS,
	TEXT_SIZES,
	parseDisplay,
	serializeDisplay
} from '$lib/settings/display';

const YEAR = 60 * 60 * 24 * 365;

// Without JavaScript the form posts here; with it, the page saves on the device and never posts.
// Only `actions`, no `load`: the page itself still renders offline from the device.
export const actions = {
	default: async ({ request, cookies }) => {
		const form = await request.formData();
		const settings = parseDisplay(
			[
				form.get('text') ?? TEXT_SIZES[0],
				form.get('contrast') ?? CONTRASTS[0],
				form.get('spacing') ?? SPACINGS[0],
				form.get('motion') ?? MOTIONS[0]
			].join('.')
		);
		cookies.set(DISPLAY_KEY, serializeDisplay(settings), {
			path: '/',
			maxAge: YEAR,
			sameSite: 'lax',
			httpOnly: false
		});
		redirect(303, '/affichage?enregistre');
	}
};
