import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { outboxBodySchema } from '$lib/contract/outbox';
import { database } from '$lib/server/context';
import { requireDevice } from '$lib/server/devices/record';
import { apiError } from '$lib/server/http';
import { applyMutations, TooManyMutations, TooManyNewDevices } from '$lib/server/outbox/apply';
import { fieldError } from '$lib/server/command';

export async function POST({ request, locals, getClientAddress }) {
	const device = requireDevice(request);
	if ('response' in device) return device.response;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
	if (type !== 'application/json') {
		return apiError(415, 'unsupported_media_type', 'Send the body as application/json.', [
			{ field: 'content-type', message: 'must be application/json' }
		]);
	}
	let body: unknown;
	try {
		body = await request.json();
	} catch (error) {
		// Over BODY_SIZE_LIMIT: said apart, so the device splits the batch instead of resending it.
		if ((error as { status?: number })?.status === 413) {
			return apiError(413, 'payload_too_large', 'The body is too large: send fewer mutations.');
		}
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
	const { mutations } = parsed.output;
	try {
		// In order: a cancellation sent after its booking must find it. An agent signed in on the
		// device (assisted mode, or her own tablet) acts as herself: her cookie came with the
		// request, and the guard checked it.
		const results = await applyMutations(
			db,
			{ deviceHash: device.hash, address: getClientAddress(), actor: locals.staff },
			mutations,
			new Date()
		);
		return json({ results }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		// Nothing applied, nothing in the ledger: the tablet keeps its items and sends them later
		// (a 4xx for the whole batch: it waits long), whole, the next day.
		if (error instanceof TooManyMutations) {
			return apiError(
				429,
				'quota_mutations',
				'This device, or its address, has sent as many changes as it may today: send them again tomorrow.'
			);
		}
		if (!(error instanceof TooManyNewDevices)) throw error;
		// Nothing applied, nothing in the ledger: the same items may be sent again later.
		const refusal = fieldError('device', 'quotaDevices');
		const results = mutations.map((m) => ({ id: m.id, status: 'rejected', errors: [refusal] }));
		return json({ results }, { headers: { 'cache-control': 'no-store' } });
	}
}
