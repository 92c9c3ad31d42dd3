import type { ExpressionBuilder } from 'kysely';
import type { ThreadState } from '$lib/contract/messages';
import type { Database } from '../db/schema';

type Requests = ExpressionBuilder<Database, 'requests'>;

/**
 * Where each request's thread stands, as conditions on the inbox's rows (one statement, any
 * number of rows): she wrote and no agent has opened the request since; the office asked her
 * something she has not answered.
 */
export const threadState: Record<ThreadState, (eb: Requests) => ReturnType<Requests['exists']>> = {
	replied: (eb) =>
		eb.exists(
			eb
				.selectFrom('request_messages as m')
				.select('m.id')
				.whereRef('m.request_id', '=', 'requests.id')
				.where('m.author', '=', 'resident')
				.where('m.read_at', 'is', null)
		),
	awaiting: (eb) =>
		eb.exists(
			eb
				.selectFrom('request_messages as q')
				.select('q.id')
				.whereRef('q.request_id', '=', 'requests.id')
				.where('q.author', '=', 'office')
				.where('q.kind', 'in', ['question', 'document'])
				.where((inner) =>
					inner.not(
						inner.exists(
							inner
								.selectFrom('request_messages as a')
								.select('a.id')
								.whereRef('a.in_reply_to', '=', 'q.id')
						)
					)
				)
		)
};
