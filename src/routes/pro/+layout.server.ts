/** Only what the staff bar shows: the name and role, never the session itself. */
export function load({ locals }) {
	const staff = locals.staff;
	return { staff: staff ? { name: staff.name, role: staff.role } : null };
}
