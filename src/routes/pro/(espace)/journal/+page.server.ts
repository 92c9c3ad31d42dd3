import { database } from '$lib/server/context';
import { LINK_ACTOR, SYSTEM_ACTOR } from '$lib/server/journal/audit';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

const PAGE = 200;

/** Administrators read who looked at or changed what; the log itself holds ids, never names. */
export async function load({ locals }) {
	requireStaff(locals, 'admin');
	const db = await database();
	const entries = await db
		.selectFrom('audit_log as a')
		.leftJoin('staff_users as u', 'u.id', 'a.staff_user_id')
		.select([
			'a.id',
			'a.at',
			'a.action',
			'a.subject_type',
			'a.subject_id',
			'a.detail',
			'a.staff_user_id',
			'u.display_name as who'
		])
		.orderBy('a.id', 'desc')
		.limit(PAGE)
		.execute();
	const requestIds = entries.filter((e) => e.subject_type === 'request').map((e) => e.subject_id);
	const references = requestIds.length
		? await db
				.selectFrom('requests')
				.select(['id', 'reference'])
				.where('id', 'in', requestIds)
				.execute()
		: [];
	const referenceOf = new Map(references.map((r) => [r.id, r.reference]));
	return {
		title: staffTranslator('fr').t('staff.journal.title'),
		entries: entries.map((e) => ({
			id: e.id,
			at: e.at,
			// Notices go out on their own, and answers come through links: no agent behind them.
			who:
				e.who ??
				(e.staff_user_id === SYSTEM_ACTOR || e.staff_user_id === LINK_ACTOR
					? staffTranslator('fr').t(`staff.journal.actors.${e.staff_user_id}`)
					: e.subject_id),
			action: e.action,
			subject:
				e.subject_type === 'request'
					? (referenceOf.get(e.subject_id) ?? e.subject_id)
					: e.subject_type === 'device'
						? e.subject_id
						: (e.detail ?? ''),
			requestId: e.subject_type === 'request' && referenceOf.has(e.subject_id) ? e.subject_id : null
		}))
	};
}
