import { FIELD_TYPES, PROFILE_FIELDS } from '$lib/forms/types';
import commune from '$commune/commune.json';

const localized = {
	type: 'object',
	description: 'A text per language code; `fr` is always present and is the fallback.',
	required: ['fr'],
	properties: { fr: { type: 'string' } },
	additionalProperties: { type: 'string' }
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const errorResponse = (description: string) => ({
	description,
	content: { 'application/json': { schema: ref('Error') } }
});

const json = (description: string, schema: object) => ({
	description,
	content: { 'application/json': { schema } }
});

const idParameter = (what: string) => ({
	name: 'id',
	in: 'path',
	required: true,
	description: `The ${what}'s identifier (lowercase words joined by hyphens).`,
	schema: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' }
});

/** The OpenAPI 3.1 description of the API, served at /api/v1/openapi.json. */
export function openApiDocument(serverUrl: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: `${commune.appName.fr} — API`,
			version: '1.0.0',
			description:
				'The API the Portail Seniors app syncs with. Reading the catalogue needs no identity. ' +
				'Errors are JSON `{ error: { code, message, fields } }`; bad input never gets a 5xx.'
		},
		servers: [{ url: serverUrl }],
		paths: {
			'/api/health': {
				get: {
					summary: 'Readiness: answers once the database is migrated and seeded',
					responses: {
						'200': json('Ready', {
							type: 'object',
							required: ['status'],
							properties: { status: { const: 'ok' } }
						})
					}
				}
			},
			'/api/v1/catalogue': {
				get: {
					summary: 'The catalogue, or what changed in it since a cursor',
					description:
						'Without `since`: every live theme and service (`full: true`). With the `cursor` of an ' +
						'earlier answer: only records changed after it, and the identifiers of removed ones in ' +
						'`deleted`. A cursor the server does not know (its database was replaced) gets a full ' +
						'answer, and the device must then drop what it has. Send the `ETag` back in ' +
						'`If-None-Match` to get a 304 when nothing changed.',
					parameters: [
						{
							name: 'since',
							in: 'query',
							required: false,
							schema: { type: 'string', pattern: '^\\d{1,15}$' }
						},
						{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }
					],
					responses: {
						'200': {
							...json('The delta', ref('CatalogueDelta')),
							headers: { ETag: { schema: { type: 'string' } } }
						},
						'304': { description: 'Nothing changed since the ETag sent' },
						'400': errorResponse('`since` is not a cursor (code `invalid_cursor`)')
					}
				}
			},
			'/api/v1/forms': {
				get: {
					summary: 'Every published form definition',
					responses: {
						'200': json('Forms', {
							type: 'object',
							required: ['forms'],
							properties: { forms: { type: 'array', items: ref('FormDefinition') } }
						})
					}
				}
			},
			'/api/v1/themes': {
				get: {
					summary: 'Every theme with its number of services',
					responses: {
						'200': json('Themes in display order', {
							type: 'object',
							required: ['themes'],
							properties: {
								themes: {
									type: 'array',
									items: {
										allOf: [
											ref('Theme'),
											{
												type: 'object',
												required: ['serviceCount'],
												properties: { serviceCount: { type: 'integer', minimum: 0 } }
											}
										]
									}
								}
							}
						})
					}
				}
			},
			'/api/v1/themes/{id}': {
				get: {
					summary: 'A theme and the summaries of its services',
					parameters: [idParameter('theme')],
					responses: {
						'200': json('The theme', {
							type: 'object',
							required: ['theme', 'services'],
							properties: {
								theme: ref('Theme'),
								services: { type: 'array', items: ref('ServiceSummary') }
							}
						}),
						'404': errorResponse('No such theme (code `not_found`)')
					}
				}
			},
			'/api/v1/services/{id}': {
				get: {
					summary: 'A service and its theme',
					parameters: [idParameter('service')],
					responses: {
						'200': json('The service', {
							type: 'object',
							required: ['service', 'theme'],
							properties: { service: ref('Service'), theme: ref('Theme') }
						}),
						'404': errorResponse('No such service (code `not_found`)')
					}
				}
			},
			'/api/v1/search': {
				get: {
					summary: 'Forgiving search across titles, summaries and keywords',
					description: 'Accent- and case-insensitive, tolerant of plurals and small typos.',
					parameters: [
						{ name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 200 } }
					],
					responses: {
						'200': json('Best matches first', {
							type: 'object',
							required: ['query', 'results'],
							properties: {
								query: { type: 'string' },
								results: { type: 'array', items: ref('ServiceSummary') }
							}
						}),
						'400': errorResponse('Query longer than 200 characters (code `query_too_long`)')
					}
				}
			},
			'/api/v1/prefs': {
				get: {
					summary: 'The language the server would render in for this request',
					responses: {
						'200': json('Preferences', {
							type: 'object',
							required: ['lang'],
							properties: { lang: { type: 'string' } }
						})
					}
				}
			},
			'/api/v1/openapi.json': {
				get: {
					summary: 'This document',
					responses: { '200': json('OpenAPI 3.1 document', { type: 'object' }) }
				}
			}
		},
		components: {
			schemas: {
				Localized: localized,
				Theme: {
					type: 'object',
					required: ['id', 'position', 'title', 'description', 'icon', 'version'],
					properties: {
						id: { type: 'string' },
						position: { type: 'integer' },
						title: ref('Localized'),
						description: ref('Localized'),
						icon: { type: 'string' },
						version: { type: 'integer' }
					}
				},
				Contact: {
					type: 'object',
					required: ['name'],
					properties: {
						name: ref('Localized'),
						phone: { type: 'string' },
						email: { type: 'string', format: 'email' },
						address: { type: 'string' },
						hours: ref('Localized')
					}
				},
				ServiceSummary: {
					type: 'object',
					required: ['id', 'themeId', 'title', 'summary', 'action'],
					properties: {
						id: { type: 'string' },
						themeId: { type: 'string' },
						title: ref('Localized'),
						summary: ref('Localized'),
						action: { enum: ['appointment', 'request', 'contact'] },
						formId: { type: 'string', description: 'The service’s online request form' },
						bookable: {
							type: 'boolean',
							description: 'Appointments can be booked (see /api/v1/slots)'
						}
					}
				},
				Service: {
					allOf: [
						ref('ServiceSummary'),
						{
							type: 'object',
							required: [
								'position',
								'description',
								'audience',
								'howToApply',
								'keywords',
								'contact',
								'version'
							],
							properties: {
								position: { type: 'integer', description: 'Order within its theme' },
								description: ref('Localized'),
								audience: ref('Localized'),
								howToApply: ref('Localized'),
								keywords: {
									type: 'object',
									additionalProperties: { type: 'array', items: { type: 'string' } }
								},
								contact: ref('Contact'),
								version: { type: 'integer' }
							}
						}
					]
				},
				CatalogueDelta: {
					type: 'object',
					required: ['cursor', 'full', 'themes', 'services', 'deleted'],
					properties: {
						cursor: { type: 'string', description: 'Send it back as `since`' },
						full: { type: 'boolean' },
						themes: { type: 'array', items: ref('Theme') },
						services: { type: 'array', items: ref('Service') },
						forms: { type: 'array', items: ref('FormDefinition') },
						deleted: {
							type: 'object',
							required: ['themes', 'services', 'forms'],
							properties: {
								themes: { type: 'array', items: { type: 'string' } },
								services: { type: 'array', items: { type: 'string' } },
								forms: { type: 'array', items: { type: 'string' } }
							}
						}
					}
				},
				FormField: {
					type: 'object',
					required: ['name', 'type', 'label', 'required'],
					properties: {
						name: { type: 'string' },
						type: { enum: [...FIELD_TYPES] },
						label: ref('Localized'),
						hint: ref('Localized'),
						required: { type: 'boolean' },
						options: {
							type: 'array',
							items: {
								type: 'object',
								required: ['value', 'label'],
								properties: { value: { type: 'string' }, label: ref('Localized') }
							}
						},
						min: {
							type: ['number', 'string'],
							description: 'Numbers: lowest value. Dates: ISO day or `today`, `today+N`, `today-N`.'
						},
						max: {
							type: ['number', 'string'],
							description: 'As `min`; for text, the longest length.'
						},
						pattern: { type: 'string' },
						prefill: { enum: [...PROFILE_FIELDS], description: 'Filled from the person’s details' },
						autocomplete: { type: 'string' }
					}
				},
				FormDefinition: {
					type: 'object',
					required: ['id', 'serviceId', 'title', 'version', 'steps'],
					properties: {
						id: { type: 'string' },
						serviceId: { type: 'string' },
						title: ref('Localized'),
						version: { type: 'integer', description: 'Send it with the answers (formVersion)' },
						steps: {
							type: 'array',
							items: {
								type: 'object',
								required: ['title', 'fields'],
								properties: {
									title: ref('Localized'),
									fields: { type: 'array', items: ref('FormField') }
								}
							}
						}
					}
				},
				Error: {
					type: 'object',
					required: ['error'],
					properties: {
						error: {
							type: 'object',
							required: ['code', 'message', 'fields'],
							properties: {
								code: { type: 'string' },
								message: { type: 'string' },
								fields: {
									type: 'array',
									items: {
										type: 'object',
										required: ['field', 'message'],
										properties: { field: { type: 'string' }, message: { type: 'string' } }
									}
								}
							}
						}
					}
				}
			}
		}
	};
}
