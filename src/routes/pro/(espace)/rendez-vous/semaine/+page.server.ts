import { database } from '$lib/server/context';
import { audit } from '$lib/server/journal/audit';
import { requireStaff } from '$lib/server/staff/guard';
import { appointmentsBetween, offices, upcomingClosures } from '$lib/server/offices/offices';
import { addDays } from '$lib/server/time';
import { staffTranslator } from '$lib/staff/translator';
import { dayParam } from '$lib/server/staff/day-param';
import { communeDay } from '$lib/time/commune-time';
import { error } from '@sveltejs/kit';

/** The Monday of the week holding `day` (weeks run Monday to Sunday in France). */
function mondayOf(day: string): string {
	const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
	return addDays(day, -((weekday + 6) % 7));
}

export async function load({ locals, url }) {
	const staff = requireStaff(locals);
	const db = await database();
	const list = await offices(db);
	const office = list.find((o) => o.id === url.searchParams.get('guichet')) ?? list[0];
	if (!office) error(404, 'No office takes appointments');
	const { day } = dayParam(url);
	const monday = mondayOf(day);
	const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
	const [appointments, closures] = await Promise.all([
		appointmentsBetween(db, monday, days[6]!, office.id),
		upcomingClosures(db, office.id, monday)
	]);
	await audit(db, {
		staffUserId: staff.id,
		action: 'appointments.week',
		subjectType: 'office',
		subjectId: office.id,
		detail: monday
	});
	return {
		title: staffTranslator('fr').t('staff.week.title', { office: office.title }),
		offices: list,
		office,
		monday,
		previous: addDays(monday, -7),
		next: addDays(monday, 7),
		days: days.map((d) => ({
			day: d,
			// A day the office closed says so: its list is empty for that reason, not by chance.
			closed: closures.find((c) => c.day === d)?.reason ?? null,
			appointments: appointments.filter((a) => communeDay(a.start) === d)
		}))
	};
}
