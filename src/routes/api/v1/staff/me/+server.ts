import { json } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/staff/guard';

/** Who is signed in, for the staff bar; the device also uses it to drop another agent's copies. */
export function GET({ locals }) {
	const staff = requireStaff(locals);
	return json(
		{ id: staff.id, name: staff.name, role: staff.role },
		{ headers: { 'cache-control': 'private, no-store' } }
	);
}
