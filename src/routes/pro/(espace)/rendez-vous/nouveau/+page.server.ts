import { fail } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { officeKinds, officeTimes } from '$lib/server/appointments/for-staff';
import { database } from '$lib/server/context';
import { formOf } from '$lib/server/http';
import { offices } from '$lib/server/offices/offices';
import { dayParam } from '$lib/server/staff/day-param';
import { deskAnswer, deskProblem, fromDesk } from '$lib/server/outbox/desk';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';
import { NOTICE_CHANNELS, type NoticeChannel } from '$lib/notices/kinds';

// Booking for someone on the phone or at the desk: the office, the kind and the day are chosen in
// the address (GET, so the page works without JavaScript), then her details and a time are sent.

/** The channels an agent can choose for her: push needs her own tablet's consent. */
const DESK_CHANNELS = NOTICE_CHANNELS.filter((c): c is NoticeChannel => c !== 'push');

export async function load({ locals, url }) {
	requireStaff(locals);
	const db = await database();
	const list = await offices(db);
	const office = list.find((o) => o.id === url.searchParams.get('guichet'));
	const kinds = office ? await officeKinds(db, office.id) : [];
	const kind =
		kinds.find((k) => k.id === url.searchParams.get('type')) ??
		(kinds.length === 1 ? kinds[0] : undefined);
	const { day, invalid } = dayParam(url);
	const times =
		office && kind
			? await officeTimes(db, { serviceId: office.id, appointmentTypeId: kind.id, day })
			: [];
	return {
		title: staffTranslator('fr').t('staff.booking.title'),
		offices: list,
		office,
		kinds,
		kind,
		day,
		invalidDay: invalid,
		times: times.map((t) => t.start),
		channels: DESK_CHANNELS,
		// One id for this booking: a second press of "Réserver" books nothing more.
		bookingId: randomUUID()
	};
}

export const actions = {
	default: async ({ locals, request }) => {
		const staff = requireStaff(locals);
		const form = await formOf(request);
		const text = (name: string) => String(form.get(name) ?? '').trim();
		const values = {
			serviceId: text('serviceId'),
			appointmentTypeId: text('appointmentTypeId'),
			start: text('start'),
			name: text('name'),
			phone: text('phone'),
			address: text('address'),
			email: text('email'),
			tabletCode: text('tabletCode'),
			notify: form
				.getAll('notify')
				.map(String)
				.filter((c): c is NoticeChannel => DESK_CHANNELS.includes(c as NoticeChannel))
		};
		if (!values.start) {
			return fail(400, { values, errors: [deskProblem('start', 'chooseTime')] });
		}
		const result = await fromDesk(
			staff,
			'appointment.book',
			{
				serviceId: values.serviceId,
				appointmentTypeId: values.appointmentTypeId,
				start: values.start,
				contact: {
					name: values.name,
					phone: values.phone,
					...(values.address ? { address: values.address } : {}),
					...(values.email ? { email: values.email } : {}),
					notify: values.notify
				},
				...(values.tabletCode ? { tabletCode: values.tabletCode } : {})
			},
			form.get('bookingId')
		);
		return deskAnswer(result, (id) => `/pro/rendez-vous/${id}?fait=reserve`, { values });
	}
};
