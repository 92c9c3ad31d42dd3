import { fail, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { database } from '$lib/server/context';
import { decideLetters, lettersToApprove } from '$lib/server/notices/letters';
import {
	heldCounts,
	noticeOverview,
	releaseHeld,
	retryNotice,
	unconfiguredChannels
} from '$lib/server/notices/overview';
import { audit, auditEach } from '$lib/server/journal/audit';
import { lettersTooLate } from '$lib/server/appointments/call-list';
import { noticeSettings } from '$lib/server/notices/settings';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ locals, url }) {
	const staff = requireStaff(locals);
	const db = await database();
	const now = new Date();
	const [overview, held, toApprove, unconfigured, tooLate] = await Promise.all([
		noticeOverview(db, now),
		heldCounts(db),
		lettersToApprove(db, staff.id, now),
		unconfiguredChannels(db),
		lettersTooLate(db, now, noticeSettings().letterPostDays)
	]);
	const letters = await db
		.selectFrom('notices')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('channel', '=', 'post')
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow();
	// Their names are shown: each person is journaled, as on the letters to approve.
	await auditEach(
		db,
		{ staffUserId: staff.id, action: 'notices.lettersShown' },
		tooLate.map((l) => ({ subjectType: 'appointment' as const, subjectId: l.id })),
		now
	);
	await audit(db, {
		staffUserId: staff.id,
		action: 'notices.list',
		subjectType: 'notice',
		subjectId: 'all'
	});
	return {
		title: staffTranslator('fr').t('staff.sendings.title'),
		...overview,
		held,
		unconfigured,
		toApprove,
		tooLate,
		letters: Number(letters.n),
		done: url.searchParams.get('fait')
	};
}

/** A form field as text, bounded: a malformed body is a 400, never a 500. */
async function field(request: Request, name: string): Promise<string> {
	return String((await formOf(request)).get(name) ?? '').slice(0, 200);
}

export const actions = {
	retry: async ({ locals, request }) => {
		const staff = requireStaff(locals);
		const id = await field(request, 'notice');
		if (!(await retryNotice(await database(), id, staff.id))) return fail(404, { id });
		redirect(303, '/pro/envois?fait=retried');
	},
	release: async ({ locals, request }) => {
		const staff = requireStaff(locals);
		const channel = await field(request, 'channel');
		if (channel !== 'sms' && channel !== 'email') return fail(400, { channel });
		await releaseHeld(await database(), channel, staff.id);
		redirect(303, '/pro/envois?fait=released');
	},
	letters: async ({ locals, request }) => {
		const staff = requireStaff(locals);
		const form = await formOf(request);
		const id = String(form.get('appointment') ?? '').slice(0, 36);
		const decision = form.get('decision');
		if (!id || (decision !== 'approve' && decision !== 'refuse')) return fail(400, { id });
		const count = await decideLetters(await database(), id, decision === 'approve', staff.id);
		if (count === 0) return fail(404, { id });
		redirect(303, `/pro/envois?fait=${decision === 'approve' ? 'approved' : 'refused'}`);
	}
};
