import { json } from '@sveltejs/kit';

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
