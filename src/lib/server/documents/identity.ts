import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { decodeForm } from '../catalogue/columns';
import { decodeAnswers } from '../requests/columns';
import { pagesNamed } from '$lib/documents/in-answers';

/**
 * Her identity papers go as soon as her request is decided (done or refused): the decision no
 * longer needs them, and an identity card is the page a leak would cost her most. In the
 * transaction that records the decision, so a decided request never keeps them. Answers how
 * many pages went; the answers keep what the pages were (their hash), not their bytes.
 */
export async function eraseIdentityPages(
	trx: Transaction<Database>,
	requestId: string
): Promise<number> {
	const request = await trx
		.selectFrom('requests as r')
		.innerJoin('form_versions as f', (join) =>
			join.onRef('f.form_id', '=', 'r.form_id').onRef('f.version', '=', 'r.form_version')
		)
		.select(['r.answers', 'f.data'])
		.where('r.id', '=', requestId)
		.executeTakeFirst();
	if (!request) return 0;
	const form = decodeForm(request.data);
	const identity = new Set(
		form.steps.flatMap((step) =>
			step.fields.filter((f) => f.documentKind === 'identity').map((f) => f.name)
		)
	);
	if (identity.size === 0) return 0;
	// "piece" or, in a block, "foyer.1.piece": the question is the last part.
	const ids = pagesNamed(decodeAnswers(request.answers))
		.filter(({ field }) => identity.has(field.split('.').at(-1)!))
		.map(({ page }) => page.id);
	if (ids.length === 0) return 0;
	await trx.deleteFrom('document_page_chunks').where('page_id', 'in', ids).execute();
	const gone = await trx
		.deleteFrom('document_pages')
		.where('id', 'in', ids)
		.where('request_id', '=', requestId)
		.executeTakeFirst();
	return Number(gone.numDeletedRows);
}
