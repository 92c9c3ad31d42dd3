import { bookingAlerts } from '$lib/server/appointments/booking-rate';
import { database } from '$lib/server/context';
import { audit } from '$lib/server/journal/audit';
import { requireStaff } from '$lib/server/staff/guard';
import { dayAppointments, offices } from '$lib/server/offices/offices';
import { addDays } from '$lib/server/time';
import { staffTranslator } from '$lib/staff/translator';
import { dayParam } from '$lib/server/staff/day-param';

export async function load({ locals, url }) {
	const staff = requireStaff(locals);
	const { day, invalid } = dayParam(url);
	const db = await database();
	const [list, appointments, alerts] = await Promise.all([
		offices(db),
		dayAppointments(db, day),
		bookingAlerts(db)
	]);
	await audit(db, {
		staffUserId: staff.id,
		action: 'appointments.list',
		subjectType: 'office',
		subjectId: 'all',
		detail: day
	});
	return {
		title: staffTranslator('fr').t('staff.appointments.title'),
		day,
		invalidDay: invalid,
		// Unusual: many bookings from new tablets this hour (appointments/booking-rate.ts).
		alerts: alerts.map((alert) => ({
			...alert,
			title: list.find((office) => office.id === alert.serviceId)?.title ?? alert.serviceId
		})),
		previous: addDays(day, -1),
		next: addDays(day, 1),
		offices: list.map((office) => ({
			...office,
			appointments: appointments.filter((a) => a.serviceId === office.id)
		}))
	};
}
