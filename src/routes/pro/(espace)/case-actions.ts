import { fail, type RequestEvent } from '@sveltejs/kit';
import type { CaseSubject } from '$lib/contract/casework';
import { formOf } from '$lib/server/http';
import { deskAnswer, deskProblem, fromDesk } from '$lib/server/outbox/desk';
import { requireStaff } from '$lib/server/staff/guard';

const PAGE: Record<CaseSubject, string> = {
	request: '/pro/demandes',
	appointment: '/pro/rendez-vous'
};

/**
 * The form actions of a case's notes and assignee, the same on a request's page and on an
 * appointment's: each goes through its staff-only command (casework/commands.ts). An entry
 * point (a staff page's forms through the desk), so it lives with the pages that route to it.
 */
export function caseActions(subject: CaseSubject) {
	const done = (id: string, what: 'note' | 'suivi') =>
		`${PAGE[subject]}/${id}?dossier=${what}#suivi`;
	return {
		note: async ({ locals, params, request }: RequestEvent<{ id: string }>) => {
			const staff = requireStaff(locals);
			const form = await formOf(request);
			const text = String(form.get('note') ?? '').trim();
			if (!text) {
				return fail(400, {
					action: 'note',
					note: '',
					errors: [deskProblem('note', 'noteMissing')]
				});
			}
			const result = await fromDesk(
				staff,
				'case.note',
				{ subject, subjectId: params.id, text },
				form.get('mutationId')
			);
			return deskAnswer(result, (id) => done(id, 'note'), { action: 'note', note: text });
		},
		assign: async ({ locals, params, request }: RequestEvent<{ id: string }>) => {
			const staff = requireStaff(locals);
			const form = await formOf(request);
			const agent = String(form.get('assignee') ?? '');
			const result = await fromDesk(
				staff,
				'case.assign',
				{ subject, subjectId: params.id, staffUserId: agent || null },
				form.get('mutationId')
			);
			return deskAnswer(result, (id) => done(id, 'suivi'), { action: 'assign' });
		}
	};
}
