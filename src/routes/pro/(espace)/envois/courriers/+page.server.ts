import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { formOf } from '$lib/server/http';
import { lettersForAgent, markLettersPrinted } from '$lib/server/notices/letters';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ locals, url }) {
	const staff = requireStaff(locals);
	return {
		title: staffTranslator('fr').t('staff.letters.title'),
		letters: await lettersForAgent(await database(), staff.id),
		printed: Number(url.searchParams.get('imprimes') ?? -1)
	};
}

export const actions = {
	default: async ({ locals, request }) => {
		const staff = requireStaff(locals);
		// Exactly the letters on the agent's screen: one queued since is printed next time.
		const ids = (await formOf(request)).getAll('letter').map(String).slice(0, 500);
		const printed = await markLettersPrinted(await database(), ids, staff.id);
		redirect(303, `/pro/envois/courriers?imprimes=${printed}`);
	}
};
