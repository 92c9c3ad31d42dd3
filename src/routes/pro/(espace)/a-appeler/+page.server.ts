import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import type { CallOutcome } from '$lib/server/db/schema';
import {
	CALL_FORM_OUTCOMES,
	CALL_OUTCOMES,
	callList,
	recordCall
} from '$lib/server/appointments/call-list';
import { noticeSettings } from '$lib/server/notices/settings';
import { audit, auditEach } from '$lib/server/journal/audit';
import { formOf } from '$lib/server/http';
import { requireStaff } from '$lib/server/staff/guard';
import { offices } from '$lib/server/offices/offices';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ locals, url }) {
	const staff = requireStaff(locals);
	const db = await database();
	const now = new Date();
	const [list, people] = await Promise.all([
		offices(db),
		callList(db, now, noticeSettings().callListHour, noticeSettings().letterPostDays)
	]);
	// Names and numbers of people to call: a read of each one's data, journaled.
	await audit(db, {
		staffUserId: staff.id,
		action: 'calls.list',
		subjectType: 'office',
		subjectId: 'all'
	});
	await auditEach(
		db,
		{ staffUserId: staff.id, action: 'calls.shown' },
		people.map((p) => ({ subjectType: 'appointment' as const, subjectId: p.appointmentId }))
	);
	const saved = url.searchParams.get('enregistre');
	return {
		title: staffTranslator('fr').t('staff.calls.title'),
		offices: list.map((office) => ({
			...office,
			people: people.filter((p) => p.serviceId === office.id)
		})),
		outcomes: CALL_FORM_OUTCOMES,
		saved: CALL_OUTCOMES.includes(saved as CallOutcome) ? saved : null
	};
}

export const actions = {
	default: async ({ locals, request }) => {
		const staff = requireStaff(locals);
		const form = await formOf(request);
		const appointmentId = String(form.get('appointment') ?? '');
		const outcome = String(form.get('outcome') ?? '') as CallOutcome;
		if (!CALL_FORM_OUTCOMES.includes(outcome)) {
			return fail(400, { appointmentId, problem: 'chooseOutcome' });
		}
		if (!/^[0-9a-f-]{36}$/.test(appointmentId))
			return fail(404, { appointmentId, problem: 'unknown' });
		const recorded = await recordCall(await database(), appointmentId, outcome, staff.id);
		if (!recorded) return fail(404, { appointmentId, problem: 'unknown' });
		redirect(303, `/pro/a-appeler?enregistre=${outcome}`);
	}
};
