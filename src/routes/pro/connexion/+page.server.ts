import { fail, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { database } from '$lib/server/context';
import { setSessionCookie } from '$lib/server/staff/cookie';
import { endSession, SESSION_COOKIE } from '$lib/server/staff/sessions';
import { signIn } from '$lib/server/staff/sign-in';
import { EMAIL_MAX } from '$lib/server/staff/throttle';
import { staffTranslator } from '$lib/staff/translator';

/** Only addresses inside the staff area: a link cannot send an agent elsewhere after sign-in. */
function nextAddress(url: URL): string {
	const next = url.searchParams.get('next') ?? '';
	return /^\/pro(\/[^/\\]|$|\?)/.test(next) && !next.startsWith('/pro/connexion') ? next : '/pro';
}

interface SignInError {
	field: 'email' | 'password';
	code: string;
	count?: number;
}

/** "Je suis un professionnel" on a senior's tablet opens this page with `?aide`. */
const isAssisting = (url: URL) => url.searchParams.has('aide');

export function load({ locals, url }) {
	if (locals.staff) redirect(303, locals.staff.mode === 'assisted' ? '/' : nextAddress(url));
	const notice = url.searchParams.has('partout')
		? 'signedOutEverywhere'
		: url.searchParams.has('deconnecte')
			? 'signedOut'
			: url.searchParams.has('fin')
				? 'expired'
				: null;
	const assisting = isAssisting(url);
	const t = staffTranslator('fr').t;
	return {
		title: assisting ? t('staff.signIn.assistTitle') : t('staff.signIn.title'),
		notice,
		assisting
	};
}

export const actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await formOf(request);
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const errors: SignInError[] = [];
		if (!email) errors.push({ field: 'email', code: 'emailMissing' });
		// Refused before it is counted: a 400 KB "address" is not stored as a counter's key.
		if (email.length > EMAIL_MAX) {
			errors.push({ field: 'email', code: 'emailTooLong', count: EMAIL_MAX });
			return fail(400, { email: '', errors });
		}
		if (!password) errors.push({ field: 'password', code: 'passwordMissing' });
		if (errors.length) return fail(400, { email, errors });

		const mode = isAssisting(url) ? 'assisted' : 'staff';
		const result = await signIn(
			await database(),
			email,
			password,
			getClientAddress(),
			new Date(),
			mode
		);
		if (!result.ok) {
			if (result.problem === 'wrong') {
				const wrong: SignInError = { field: 'email', code: 'wrong' };
				return fail(400, { email, errors: [wrong] });
			}
			const count =
				result.problem === 'refused'
					? Math.ceil(result.retryAfterSeconds / 60)
					: result.retryAfterSeconds;
			const throttled: SignInError = { field: 'email', code: result.problem, count };
			return fail(429, { email, errors: [throttled] });
		}
		// This browser's previous session (another agent's, or an assisted one) ends here.
		const previous = cookies.get(SESSION_COOKIE);
		if (previous) await endSession(await database(), previous);
		setSessionCookie(cookies, url, result.token, result.expires);
		// Helping a senior: back to her portal, where the banner now shows who helps her.
		redirect(303, mode === 'assisted' ? '/?aide=debut' : nextAddress(url));
	}
};
