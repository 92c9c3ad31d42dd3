import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';

/**
 * A "send this request" mutation as a senior's tablet writes it to its outbox, against the form's
 * current version on the server: for tests that need requests on the server without the journey.
 */
export async function requestSubmission(
	request: APIRequestContext,
	formId: string,
	answers: Record<string, string | boolean>,
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
