import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { outboxBodySchema } from '$lib/sync/mutations';
import { database } from '$lib/server/context';
import { requireDevice, touchDevice } from '$lib/server/devices';
import { apiError } from '$lib/server/http';
import { applyMutation } from '$lib/server/outbox/apply';

export async function POST({ request, locals }) {
	const device = requireDevice(request);
	if ('response' in device) return device.response;
	const deviceHash = device.hash;
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return apiError(400, 'invalid_json', 'The body must be JSON.');
	}
	const parsed = v.safeParse(outboxBodySchema, body);
	if (!parsed.success) {
		return apiError(
			400,
			'invalid_body',
			'The body must be { mutations: [{ id, type, payload, createdAt }] } with 1 to 100 mutations.',
			parsed.issues.slice(0, 20).map((issue) => ({
				field: issue.path?.map((p) => String(p.key)).join('.') ?? '',
				message: issue.message
			}))
		);
	}
	const db = await database();
	const now = new Date();
	await touchDevice(db, deviceHash, now.toISOString());
	// One at a time and in order: a cancellation sent after its booking must find it. An agent
	// signed in on the device (assisted mode, or her own tablet) acts as herself: her cookie
	// came with the request, and the guard checked it.
	const results = [];
	for (const mutation of parsed.output.mutations) {
		results.push(await applyMutation(db, deviceHash, mutation, now, locals.staff));
	}
	return json({ results }, { headers: { 'cache-control': 'no-store' } });
}
