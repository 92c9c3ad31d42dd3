import * as v from 'valibot';
import { uuid } from '$lib/contract/primitives';
import type { StaffThreadMessage, ThreadMessage } from '$lib/contract/messages';
import type { Db } from '../db/open';

/** request_messages.pages: her photo's page ids, in order, as the reply command wrote them. */
const decodePages = (text: string | null): string[] =>
	text === null ? [] : v.parse(v.array(uuid), JSON.parse(text));

/** The threads of these requests, each oldest first, as the staff pages read them. */
export async function threadsOf(
	db: Db,
	requestIds: readonly string[]
): Promise<Map<string, StaffThreadMessage[]>> {
	const threads = new Map<string, StaffThreadMessage[]>(requestIds.map((id) => [id, []]));
	if (requestIds.length === 0) return threads;
	const rows = await db
		.selectFrom('request_messages as m')
		.leftJoin('staff_users as u', 'u.id', 'm.staff_user_id')
		.select([
			'm.id',
			'm.request_id',
			'm.author',
			'm.kind',
			'm.body',
			'm.document_label',
			'm.in_reply_to',
			'm.pages',
			'm.created_at',
			'm.read_at',
			'u.display_name'
		])
		.where('m.request_id', 'in', [...requestIds])
		.orderBy('m.created_at')
		.orderBy('m.id')
		.execute();
	for (const row of rows) {
		threads.get(row.request_id)?.push({
			id: row.id,
			from: row.author,
			kind: row.kind,
			body: row.body,
			documentLabel: row.document_label,
			inReplyTo: row.in_reply_to,
			pages: decodePages(row.pages),
			helpedBy: row.author === 'resident' ? (row.display_name ?? null) : null,
			by: row.author === 'office' ? (row.display_name ?? null) : null,
			at: row.created_at,
			readAt: row.read_at
		});
	}
	return threads;
}

/** An office message as she reads it: signed by the office, the agent's name left out. */
function withoutAgent(message: StaffThreadMessage): ThreadMessage {
	const { by, ...hers } = message;
	void by;
	return hers;
}

/** The same threads as her tablet reads them: the office is the office, never an agent's name. */
export async function ownThreads(db: Db, requestIds: readonly string[]) {
	const threads = await threadsOf(db, requestIds);
	return new Map([...threads].map(([id, thread]) => [id, thread.map(withoutAgent)]));
}
