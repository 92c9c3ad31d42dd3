import { Validator } from '@seriousme/openapi-schema-validator';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MUTATION_TYPES } from '$lib/contract/outbox';
import { openApiDocument } from './openapi';

/** Every API route of the app, from the routes folder, in OpenAPI's path syntax. */
function apiRoutes(dir = 'src/routes/api'): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return apiRoutes(path);
		if (entry !== '+server.ts') return [];
		return [`/${relative('src/routes', dir)}`.replace(/\[(\w+)\]/g, '{$1}')];
	});
}

describe('OpenAPI document', () => {
	const document = openApiDocument('http://localhost:3000');

	it('is a valid OpenAPI 3.1 document', async () => {
		const result = await new Validator().validate(document);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(document.openapi).toBe('3.1.0');
	});

	it('describes every API route the server has', () => {
		expect(Object.keys(document.paths).sort()).toEqual(apiRoutes().sort());
	});

	it('shows an example of each mutation, and instants no calendar lacks', () => {
		const mutation = (document.components.schemas as Record<string, { oneOf?: object[] }>)
			.Mutation!;
		const variants = (mutation.oneOf ?? []) as { examples?: { type: string }[] }[];
		expect(variants.map((m) => m.examples?.[0]?.type)).toEqual([...MUTATION_TYPES]);
		const text = JSON.stringify(mutation);
		// The published pattern of an instant names real months, days and hours (not 0073-49-63).
		expect(text).toContain('(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\\\d|3[01])T');
	});
});
