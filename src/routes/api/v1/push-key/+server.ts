import { json } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { noticeKeys } from '$lib/server/notices/secrets';

// The portal's public VAPID key: what a tablet's browser needs to accept its notices. Public by
// nature (the push service checks messages against it); the same on every instance.
export async function GET() {
	const { vapid } = await noticeKeys(await database());
	return json(
		{ publicKey: vapid.publicKey },
		{ headers: { 'cache-control': 'public, max-age=3600' } }
	);
}
