import { error, fail, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { database } from '$lib/server/context';
import { requireStaff } from '$lib/server/staff/guard';
import {
	addClosure,
	checkHours,
	offices,
	openingHours,
	removeClosure,
	saveOpeningHours,
	upcomingClosures,
	type HoursRow
} from '$lib/server/offices/offices';
import { staffTranslator } from '$lib/staff/translator';
import { communeDay } from '$lib/time/commune-time';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function officeOf(serviceId: string) {
	const office = (await offices(await database())).find((o) => o.id === serviceId);
	if (!office) error(404, 'Not found');
	return office;
}

export async function load({ locals, params, url }) {
	requireStaff(locals);
	const office = await officeOf(params.serviceId);
	const db = await database();
	return {
		title: staffTranslator('fr').t('staff.office.title', { office: office.title }),
		office,
		hours: await openingHours(db, office.id),
		closures: await upcomingClosures(db, office.id, communeDay()),
		today: communeDay(),
		saved: url.searchParams.get('enregistre'),
		cancelled: Number(url.searchParams.get('annules') ?? 0),
		closedDay: url.searchParams.get('jour') ?? ''
	};
}

/** The rows of the hours form: `weekday-N`, `from-N`, `to-N`, `capacity-N`, `remove-N`. */
function rowsOf(form: FormData): HoursRow[] {
	const rows: HoursRow[] = [];
	for (let i = 0; i < 100; i++) {
		if (!form.has(`weekday-${i}`)) break;
		const from = String(form.get(`from-${i}`) ?? '').trim();
		const to = String(form.get(`to-${i}`) ?? '').trim();
		// The empty line offered for a new period stays out when left empty.
		if (form.get(`remove-${i}`) || (!from && !to && form.get(`new-${i}`))) continue;
		rows.push({
			weekday: Number(form.get(`weekday-${i}`)),
			from,
			to,
			capacity: Number(form.get(`capacity-${i}`))
		});
	}
	return rows;
}

export const actions = {
	hours: async ({ locals, params, request }) => {
		requireStaff(locals);
		const office = await officeOf(params.serviceId);
		const rows = rowsOf(await formOf(request));
		const issues = checkHours(rows);
		if (issues.length) return fail(400, { hours: rows, issues });
		await saveOpeningHours(await database(), office.id, rows);
		redirect(303, `/pro/guichets/${office.id}?enregistre=horaires`);
	},
	close: async ({ locals, params, request }) => {
		const staff = requireStaff(locals);
		const office = await officeOf(params.serviceId);
		const form = await formOf(request);
		const day = String(form.get('day') ?? '');
		const reason = String(form.get('reason') ?? '').trim();
		const errors: { field: string; code: string }[] = [];
		if (!DAY.test(day) || Number.isNaN(Date.parse(day)))
			errors.push({ field: 'day', code: 'dayInvalid' });
		else if (day < communeDay()) errors.push({ field: 'day', code: 'dayPast' });
		if (!reason || reason.length > 200) errors.push({ field: 'reason', code: 'reasonMissing' });
		if (errors.length) return fail(400, { closure: { day, reason }, errors });
		const { cancelled } = await addClosure(await database(), office.id, day, reason, staff.id);
		redirect(
			303,
			`/pro/guichets/${office.id}?enregistre=fermeture&annules=${cancelled}&jour=${day}`
		);
	},
	reopen: async ({ locals, params, request }) => {
		requireStaff(locals);
		const office = await officeOf(params.serviceId);
		const id = String((await formOf(request)).get('id') ?? '');
		await removeClosure(await database(), office.id, id);
		redirect(303, `/pro/guichets/${office.id}?enregistre=reouverture`);
	}
};
