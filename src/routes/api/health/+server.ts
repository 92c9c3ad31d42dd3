import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { serverConfig } from '$lib/server/config';
import { database } from '$lib/server/context';
import { describeTarget } from '$lib/server/db/open';

/**
 * For the load balancer: 200 when this instance can reach its database, 503 when it cannot, so
 * the proxy sends no one here. Public: the answer says which kind of database, never its host
 * (a map of the commune's network); the instance's log names it for the operator.
 */
export async function GET() {
	const headers = { 'cache-control': 'no-store' };
	try {
		await sql`select 1`.execute(await database());
		return json({ status: 'ok' }, { headers });
	} catch (error) {
		const target = serverConfig.database;
		console.error(
			`health: database unreachable (${describeTarget(target)}):`,
			(error as Error).message
		);
		return json(
			{ status: 'unavailable', database: 'url' in target ? 'PostgreSQL' : 'SQLite' },
			{ status: 503, headers }
		);
	}
}
