import type { Transaction } from 'kysely';
import type { DocumentPage } from '$lib/contract/documents';
import type { Database } from '../db/schema';

type Named = { field: string; page: DocumentPage };

/**
 * The questions whose pages the town hall does not hold as she kept them: every page must be this
 * tablet's, arrived whole and checked, with the very hash, length and type her answers name, and
 * not already part of another request.
 */
export async function missingPages(
	trx: Transaction<Database>,
	deviceHash: string,
	requestId: string,
	pages: Named[]
): Promise<string[]> {
	if (pages.length === 0) return [];
	const held = await trx
		.selectFrom('document_pages')
		.select(['id', 'sha256', 'size', 'type', 'request_id'])
		.where('device_hash', '=', deviceHash)
		.where('status', '=', 'verified')
		.where(
			'id',
			'in',
			pages.map((p) => p.page.id)
		)
		.execute();
	const byId = Object.fromEntries(held.map((row) => [row.id, row]));
	const missing = pages.filter(({ page }) => {
		const row = byId[page.id];
		return (
			!row ||
			row.sha256 !== page.sha256 ||
			Number(row.size) !== page.size ||
			row.type !== page.type ||
			(row.request_id !== null && row.request_id !== requestId)
		);
	});
	return [...new Set(missing.map((p) => p.field))];
}

/**
 * Joins the pages to the request, in its transaction. Only after `missingPages` found none: the
 * tablet's row is held by this transaction (recordDevice), so no other batch of hers can take a
 * page between the two; the condition is kept all the same, and a page taken anyway fails the
 * whole batch rather than leave a request without its papers.
 */
export async function claimPages(
	trx: Transaction<Database>,
	deviceHash: string,
	requestId: string,
	pages: Named[]
) {
	const ids = [...new Set(pages.map((p) => p.page.id))];
	if (ids.length === 0) return;
	const claimed = await trx
		.updateTable('document_pages')
		.set({ request_id: requestId })
		.where('device_hash', '=', deviceHash)
		.where('status', '=', 'verified')
		.where('id', 'in', ids)
		.where((eb) => eb.or([eb('request_id', 'is', null), eb('request_id', '=', requestId)]))
		.executeTakeFirst();
	if (Number(claimed.numUpdatedRows) !== ids.length) {
		throw new Error(
			`request ${requestId}: ${ids.length} pages named, ${claimed.numUpdatedRows} held`
		);
	}
}
