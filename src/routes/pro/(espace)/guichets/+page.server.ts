import { database } from '$lib/server/context';
import { requireStaff } from '$lib/server/staff/guard';
import { offices } from '$lib/server/offices/offices';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ locals }) {
	requireStaff(locals);
	return {
		title: staffTranslator('fr').t('staff.offices.title'),
		offices: await offices(await database())
	};
}
