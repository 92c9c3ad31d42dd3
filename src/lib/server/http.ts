import { error, json } from '@sveltejs/kit';

export interface FieldError {
	field: string;
	message: string;
}

/** A JSON error a client can show: a stable code, a plain message, and per-field details. */
export function apiError(status: number, code: string, message: string, fields: FieldError[] = []) {
	return json(
		{ error: { code, message, fields } },
		{ status, headers: { 'cache-control': 'no-store' } }
	);
}

export const noCache = { 'cache-control': 'no-cache' };

/**
 * A form action's body, or a 400: a body that is not a form (malformed, cut short, another
 * type) is the sender's mistake, never a 500 with a stack.
 */
export async function formOf(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		error(400, 'Le formulaire envoyé est illisible.');
	}
}
