import { redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { database } from '$lib/server/context';
import { audit } from '$lib/server/journal/audit';
import { clearSessionCookie } from '$lib/server/staff/cookie';
import { SIGN_IN_PATH } from '$lib/server/staff/guard';
import { endAllSessions, endSession, SESSION_COOKIE } from '$lib/server/staff/sessions';

/** "Se déconnecter" ends this session; "…de tous les appareils" ends every session of the person. */
export async function POST({ request, cookies, url, locals }) {
	const form = await formOf(request);
	const scope = form?.get('scope');
	const everywhere = scope === 'everywhere';
	const db = await database();
	const token = cookies.get(SESSION_COOKIE);
	if (everywhere && locals.staff) {
		await endAllSessions(db, locals.staff.id);
		await audit(db, {
			staffUserId: locals.staff.id,
			action: 'signout.everywhere',
			subjectType: 'account',
			subjectId: locals.staff.id
		});
	} else if (token) {
		await endSession(db, token);
		if (locals.staff?.mode === 'assisted') {
			await audit(db, {
				staffUserId: locals.staff.id,
				action: 'signout.assisted',
				subjectType: 'account',
				subjectId: locals.staff.id
			});
		}
	}
	clearSessionCookie(cookies, url);
	// "Terminer l'aide" on the senior's tablet: back to her portal, which says the help has ended.
	if (scope === 'assisted') redirect(303, '/?aide=fin');
	redirect(303, `${SIGN_IN_PATH}?${everywhere ? 'partout' : 'deconnecte'}`);
}
