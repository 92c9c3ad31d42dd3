import { createHash, randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';

/**
 * A "send this request" mutation as a senior's tablet writes it to its outbox, against the form's
 * current version on the server: for tests that need requests on the server without the journey.
 */
export async function requestSubmission(
	request: APIRequestContext,
	formId: string,
	answers: Record<string, unknown>,
	id: string = randomUUID()
) {
	const forms = (await (await request.get('/api/v1/forms')).json()).forms as {
		id: string;
		version: number;
	}[];
	const form = forms.find((f) => f.id === formId);
	if (!form) throw new Error(`No form ${formId} on the server`);
	return {
		id,
		type: 'request.submit',
		createdAt: new Date().toISOString(),
		payload: { formId, formVersion: form.version, answers }
	};
}

/** A page's tus Upload-Metadata, as her tablet declares it: its id, type and SHA-256. */
export const tusMetadata = (page: { id: string; type: string; sha256: string }) =>
	Object.entries({ id: page.id, type: page.type, sha256: page.sha256 })
		.map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
		.join(',');

/**
 * A page sent from the tablet holding `deviceKey`, whole in one tus request (creation with
 * upload), then asked for its state as the tablet does: the page, ready for a request's answers.
 */
export async function sentPage(request: APIRequestContext, deviceKey: string, bytes: Buffer) {
	const page = {
		id: randomUUID(),
		sha256: createHash('sha256').update(bytes).digest('hex'),
		size: bytes.length,
		type: 'image/jpeg' as const
	};
	const headers = { authorization: `Device ${deviceKey}`, 'tus-resumable': '1.0.0' };
	const created = await request.post('/api/v1/pages', {
		headers: {
			...headers,
			'upload-length': String(bytes.length),
			'upload-metadata': tusMetadata(page),
			'content-type': 'application/offset+octet-stream'
		},
		data: bytes
	});
	if (created.status() !== 201) throw new Error(`page not created: ${created.status()}`);
	const state = await request.head(`/api/v1/pages/${page.id}`, { headers });
	if (state.headers()['page-status'] !== 'verified') {
		throw new Error(`page not verified: ${state.headers()['page-status']}`);
	}
	return page;
}
