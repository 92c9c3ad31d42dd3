import { json } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/staff/guard';
import { SESSION_IDLE_MINUTES } from '$lib/server/staff/sessions';

/**
 * Who is signed in, for the staff bar; the device also uses it to drop another agent's copies.
 * With it, the session's key for the copies this computer keeps, and how long the computer may
 * use it without hearing from the server again: no longer than the session could stay idle.
 */
export function GET({ locals }) {
	const staff = requireStaff(locals);
	return json(
		{
			id: staff.id,
			name: staff.name,
			role: staff.role,
			copyKey: staff.copyKey,
			copyKeyUntil: new Date(Date.now() + SESSION_IDLE_MINUTES * 60_000).toISOString()
		},
		{ headers: { 'cache-control': 'private, no-store' } }
	);
}
