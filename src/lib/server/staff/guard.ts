import { error } from '@sveltejs/kit';
import type { StaffIdentity } from './sessions';

import { SIGN_IN_PATH, SIGN_OUT_PATH } from '$lib/staff/paths';

export { SIGN_IN_PATH, SIGN_OUT_PATH };

export type Access = 'public' | 'staff' | 'admin';

const ADMIN_PAGES = ['/pro/journal', '/pro/effacements', '/pro/catalogue', '/pro/comptes'];

/** Who may open an address. Checked once for every request in `hooks.server.ts`, before any load
 * or action runs, so a new staff route is protected without having to remember it. */
export function accessFor(pathname: string): Access {
	const path = pathname.replace(/\/+$/, '') || '/';
	// Signing out works with an ended session too: it then only clears the cookie.
	if (path === SIGN_IN_PATH || path === SIGN_OUT_PATH) return 'public';
	const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
	if (ADMIN_PAGES.some(under) || under('/api/v1/staff/admin')) return 'admin';
	if (under('/pro') || under('/api/v1/staff')) return 'staff';
	return 'public';
}

export type Verdict = 'allow' | 'sign-in' | 'forbidden';

export function verdictFor(access: Access, staff: StaffIdentity | null): Verdict {
	if (access === 'public') return 'allow';
	if (!staff) return 'sign-in';
	// Signed in on a senior's tablet to help her: nothing of the staff area opens there.
	if (staff.mode === 'assisted') return 'forbidden';
	if (access === 'admin' && staff.role !== 'admin') return 'forbidden';
	return 'allow';
}

/** For loads and actions: the staff member, or the error page (401/403) in their place. */
export function requireStaff(locals: App.Locals, role: 'agent' | 'admin' = 'agent'): StaffIdentity {
	const staff = locals.staff;
	if (!staff) error(401, 'Sign in first');
	if (locals.forbidden || staff.mode !== 'staff' || (role === 'admin' && staff.role !== 'admin')) {
		error(403, 'Forbidden');
	}
	return staff;
}
