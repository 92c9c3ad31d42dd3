import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { database } from '$lib/server/context';

export async function GET() {
	const db = await database();
	await sql`select 1`.execute(db);
	return json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
