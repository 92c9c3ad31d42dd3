import { error, fail } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { appointmentForStaff, officeTimes } from '$lib/server/appointments/for-staff';
import { caseActions } from '../../case-actions';
import { caseFileOf } from '$lib/server/casework/reads';
import { database } from '$lib/server/context';
import { formOf } from '$lib/server/http';
import { audit } from '$lib/server/journal/audit';
import { dayParam } from '$lib/server/staff/day-param';
import { deskAnswer, deskProblem, fromDesk } from '$lib/server/outbox/desk';
import { plainTextIssue } from '$lib/forms/plain-text';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';
import { communeDay } from '$lib/time/commune-time';

const ID = /^[0-9a-f-]{36}$/;

async function appointmentOf(id: string) {
	const appointment = ID.test(id) ? await appointmentForStaff(await database(), id) : undefined;
	if (!appointment) error(404, 'Not found');
	return appointment;
}

export async function load({ locals, params, url }) {
	const staff = requireStaff(locals);
	const appointment = await appointmentOf(params.id);
	const db = await database();
	// Her name, number and address: a read of her data, journaled.
	await audit(db, {
		staffUserId: staff.id,
		action: 'appointment.read',
		subjectType: 'appointment',
		subjectId: appointment.id
	});
	const { day, invalid } = dayParam(url, communeDay(appointment.start));
	const times =
		appointment.status === 'booked'
			? await officeTimes(db, {
					serviceId: appointment.serviceId,
					appointmentTypeId: appointment.appointmentTypeId,
					day,
					ignoreAppointmentId: appointment.id
				})
			: [];
	return {
		title: staffTranslator('fr').t('staff.appointment.title', {
			name: appointment.personName ?? appointment.reference
		}),
		appointment,
		day,
		invalidDay: invalid,
		times: times.map((t) => t.start),
		case: await caseFileOf(db, 'appointment', appointment.id),
		caseIds: { note: randomUUID(), assign: randomUUID() },
		caseDone: url.searchParams.get('dossier'),
		done: url.searchParams.get('fait'),
		fromCalls: url.searchParams.get('appel') === '1',
		// One id a form: a second press of the same button is the same change.
		moveId: randomUUID(),
		cancelId: randomUUID()
	};
}

/** Done during a call from "À appeler": the call is recorded with the change, and she leaves the list. */
const duringCall = (form: FormData) =>
	form.get('appel') === '1' ? { duringCall: true as const } : {};

export const actions = {
	move: async ({ locals, params, request }) => {
		const staff = requireStaff(locals);
		const form = await formOf(request);
		const start = String(form.get('start') ?? '');
		if (!start) return fail(400, { action: 'move', errors: [deskProblem('start', 'chooseTime')] });
		const result = await fromDesk(
			staff,
			'appointment.reschedule',
			{ appointmentId: params.id, start, ...duringCall(form) },
			form.get('mutationId')
		);
		return deskAnswer(result, (id) => `/pro/rendez-vous/${id}?fait=deplace`, { action: 'move' });
	},
	cancel: async ({ locals, params, request }) => {
		const staff = requireStaff(locals);
		const form = await formOf(request);
		const reason = String(form.get('reason') ?? '').trim();
		const problem = !reason ? 'reasonNeeded' : plainTextIssue(reason) ? 'reasonPlain' : null;
		if (problem) {
			return fail(400, { action: 'cancel', reason, errors: [deskProblem('reason', problem)] });
		}
		const result = await fromDesk(
			staff,
			'appointment.cancelByOffice',
			{ appointmentId: params.id, reason, ...duringCall(form) },
			form.get('mutationId')
		);
		return deskAnswer(result, (id) => `/pro/rendez-vous/${id}?fait=annule`, {
			action: 'cancel',
			reason
		});
	},
	...caseActions('appointment')
};
