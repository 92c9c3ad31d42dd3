import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { appointmentTypesOf, freeSlots, HORIZON_DAYS } from '$lib/server/appointments/slots';
import { serverConfig } from '$lib/server/config';
import { database } from '$lib/server/context';
import { apiError } from '$lib/server/http';
import { noticeSettings } from '$lib/server/notices/settings';
import { addDays } from '$lib/server/time';
import { communeDay, isRealDay } from '$lib/time/commune-time';

/** A day that exists: `isoDate` alone takes 2026-11-31 and 0000-01-01. */
const day = v.pipe(v.string(), v.isoDate(), v.check(isRealDay, 'not a day of the calendar'));

const query = v.object({
	serviceId: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), v.maxLength(100)),
	from: v.optional(day),
	to: v.optional(day)
});

export async function GET({ url, locals }) {
	const parsed = v.safeParse(query, Object.fromEntries(url.searchParams));
	if (!parsed.success) {
		return apiError(
			400,
			'invalid_query',
			'Give serviceId, and from and to as days (YYYY-MM-DD).',
			parsed.issues.map((i) => ({
				field: i.path?.map((p) => String(p.key)).join('.') ?? '',
				message: i.message
			}))
		);
	}
	const now = new Date();
	const today = communeDay(now);
	const from = parsed.output.from ?? today;
	const to = parsed.output.to ?? addDays(from, 13);
	if (to < from || to > addDays(from, HORIZON_DAYS)) {
		return apiError(
			400,
			'invalid_range',
			`"to" must be on or after "from", at most ${HORIZON_DAYS} days later.`,
			[{ field: 'to', message: 'out of range' }]
		);
	}
	const db = await database();
	const types = await appointmentTypesOf(db, parsed.output.serviceId);
	if (types.length === 0)
		return apiError(404, 'not_bookable', 'This service takes no appointments.');
	const slots = await freeSlots(db, {
		serviceId: parsed.output.serviceId,
		fromDay: from < today ? today : from,
		toDay: to,
		now,
		// A tablet sees what it may book: the day's places but the office's share. Agents, all.
		forDevice: locals.staff?.mode === 'staff' ? undefined : serverConfig.officeShare
	});
	return json(
		{
			appointmentTypes: types.map((type) => ({
				id: type.id,
				label: type.label,
				durationMinutes: type.durationMinutes,
				mode: type.mode,
				...(type.bring ? { bring: type.bring } : {})
			})),
			slots,
			reminderHours: Math.round(noticeSettings().reminderLeadMs / 3_600_000)
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
}
