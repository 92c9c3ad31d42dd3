import { requireStaff } from '$lib/server/staff/guard';

// The guard in hooks.server.ts already turned away anyone not signed in; this answers 403 on an
// administrators' page opened by an agent, with the portal's own error page.
export function load({ locals }) {
	requireStaff(locals);
	return {};
}
