import type { Transaction } from 'kysely';
import { DECIDED_STATUSES } from '$lib/contract/requests';
import type { Database } from '../db/schema';

/** A page no request has taken, untouched this long, is dropped: her tablet still has it. */
export const UNCLAIMED_PAGE_DAYS = 30;

/**
 * Deletes the pages kept long enough, bytes first: those of a request closed (done or refused)
 * `documentMonths` ago or gone; those no request took within UNCLAIMED_PAGE_DAYS (a sending she
 * gave up, a page she replaced). Answers how many pages went.
 */
export async function purgePages(
	trx: Transaction<Database>,
	now: Date,
	documentMonths: number
): Promise<number> {
	const closedBefore = new Date(now);
	closedBefore.setUTCMonth(closedBefore.getUTCMonth() - documentMonths);
	const unclaimedBefore = new Date(now.getTime() - UNCLAIMED_PAGE_DAYS * 86_400_000).toISOString();
	const expired = trx
		.selectFrom('document_pages')
		.select('document_pages.id')
		.where((eb) =>
			eb.or([
				eb.and([eb('request_id', 'is', null), eb('created_at', '<', unclaimedBefore)]),
				eb.and([
					eb('request_id', 'is not', null),
					eb.not(
						eb.exists(
							eb
								.selectFrom('requests')
								.select('requests.id')
								.whereRef('requests.id', '=', 'document_pages.request_id')
								.where((r) =>
									r.or([
										r('requests.status', 'not in', [...DECIDED_STATUSES]),
										r('requests.updated_at', '>=', closedBefore.toISOString())
									])
								)
						)
					)
				])
			])
		);
	const ids = (await expired.execute()).map((row) => row.id);
	if (ids.length === 0) return 0;
	await trx.deleteFrom('document_page_chunks').where('page_id', 'in', ids).execute();
	const gone = await trx.deleteFrom('document_pages').where('id', 'in', ids).executeTakeFirst();
	return Number(gone.numDeletedRows);
}
