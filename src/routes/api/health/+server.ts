import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { serverConfig } from '$lib/server/config';
import { database } from '$lib/server/context';
import { describeTarget } from '$lib/server/db/open';

/**
 * For the load balancer and the operator: 200 when this instance can reach its database, 503
 * saying which database when it cannot (never its password), so the proxy sends no one here.
 */
export async function GET() {
	const headers = { 'cache-control': 'no-store' };
	try {
		await sql`select 1`.execute(await database());
		return json({ status: 'ok' }, { headers });
	} catch (error) {
		console.error('health: database unreachable:', (error as Error).message);
		return json(
			{ status: 'unavailable', database: describeTarget(serverConfig.database) },
			{ status: 503, headers }
		);
	}
}
