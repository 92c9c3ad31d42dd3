import type { RequestDetail } from '$lib/staff/request-detail';
import type { Db } from '../db/open';
import { NEXT_STATUSES } from './status';
import { audit, type AuditAction } from '../journal/audit';
import { heldPages } from '../documents/staff-pages';
import type { StaffIdentity } from '../staff/sessions';
import { decodeForm, decodeService } from '../catalogue/columns';
import { decodeAnswers } from './columns';
import { caseFileOf } from '../casework/reads';
import { threadsOf } from '../messages/reads';
import { registrationOf } from './registration';
import { readByOffice } from '../messages/commands';

/**
 * One request as an agent reads it (answers against the form version she filled in, the pages of
 * her papers the town hall still holds); the read is logged, as a download when it is one.
 */
export async function requestDetail(
	db: Db,
	staff: StaffIdentity,
	id: string,
	action: Extract<AuditAction, 'request.read' | 'request.dossier'> = 'request.read'
): Promise<RequestDetail | null> {
	const request = await db
		.selectFrom('requests')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	if (!request) return null;
	const [form, service, events, helper] = await Promise.all([
		db
			.selectFrom('form_versions')
			.select('data')
			.where('form_id', '=', request.form_id)
			.where('version', '=', request.form_version)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('catalogue_services')
			.select('data')
			.where('id', '=', request.service_id)
			.executeTakeFirst(),
		db
			.selectFrom('request_events as e')
			.leftJoin('staff_users as u', 'u.id', 'e.staff_user_id')
			.select(['e.id', 'e.status', 'e.message', 'e.at', 'u.display_name as by'])
			.where('e.request_id', '=', request.id)
			.orderBy('e.at')
			.execute(),
		request.helped_by
			? db
					.selectFrom('staff_users')
					.select('display_name')
					.where('id', '=', request.helped_by)
					.executeTakeFirst()
			: undefined
	]);
	// Read by an agent: her messages have their read receipt (a download is no reading).
	if (action === 'request.read') await readByOffice(db, request.id, new Date());
	const [caseFile, pages, threads] = await Promise.all([
		caseFileOf(db, 'request', request.id),
		heldPages(db, request.id),
		threadsOf(db, [request.id])
	]);
	await audit(db, {
		staffUserId: staff.id,
		action,
		subjectType: 'request',
		subjectId: request.id
	});
	return {
		request: {
			id: request.id,
			reference: request.reference,
			personName: request.person_name ?? '',
			status: request.status,
			createdAt: request.created_at,
			helpedBy: helper?.display_name ?? null,
			answers: decodeAnswers(request.answers),
			registration: registrationOf(request)
		},
		form: decodeForm(form.data),
		serviceTitle: service ? decodeService(service.data).title.fr : request.service_id,
		events,
		next: [...NEXT_STATUSES[request.status]],
		case: caseFile,
		messages: threads.get(request.id) ?? [],
		pages
	};
}
