import { FIELD_TYPES, PROFILE_FIELDS } from '$lib/forms/types';
import commune from '$commune/commune.json';
import { TIME_ZONE } from './time';

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

const query = (name: string, description: string) => ({
	name,
	in: 'query',
	required: false,
	description,
	schema: { type: 'string' }
});

/** What every staff route answers to a caller without a staff session, or with the wrong one. */
const staffErrors = {
	'401': errorResponse('No staff session, or an ended one (code `staff_sign_in_required`)'),
	'403': errorResponse("An assisted session on a senior's tablet, or a cross-site request")
};

const idParameter = (what: string) => ({
	name: 'id',
	in: 'path',
	required: true,
	description: `The ${what}'s identifier (lowercase words joined by hyphens).`,
	schema: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' }
});

function mutationOf(
	type: string,
	payload: { required: string[]; properties: object; description?: string }
) {
	return {
		properties: {
			type: { const: type },
			payload: { type: 'object', additionalProperties: false, ...payload }
		}
	};
}

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
			'/api/v1/outbox': {
				post: {
					summary: 'Send what the person did on the device; each mutation is applied exactly once',
					description:
						'Mutations are applied one by one, in order, each in its own transaction. The `id` (a UUID ' +
						'made by the device) is the idempotency key: a replay answers `duplicate` with the first ' +
						'result. `rejected` means the person must change something (see `errors`); `conflict` means ' +
						'the world changed meanwhile (a slot was taken: see `alternatives`). Send a changed payload ' +
						'with a new id. Bad input is never answered with a 5xx.',
					security: [{ device: [] }],
					requestBody: {
						required: true,
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['mutations'],
									additionalProperties: false,
									properties: {
										mutations: { type: 'array', minItems: 1, maxItems: 100, items: ref('Mutation') }
									}
								}
							}
						}
					},
					responses: {
						'200': json('One result per mutation, in order', {
							type: 'object',
							required: ['results'],
							properties: { results: { type: 'array', items: ref('MutationResult') } }
						}),
						'400': errorResponse('The body is not JSON or not an outbox batch'),
						'401': errorResponse('No device key (code `device_required`)')
					}
				}
			},
			'/api/v1/requests': {
				get: {
					summary: 'The device’s own requests and appointments, with where they stand',
					security: [{ device: [] }],
					responses: {
						'200': json('Own records', {
							type: 'object',
							required: ['requests', 'appointments'],
							properties: {
								requests: { type: 'array', items: ref('OwnRequest') },
								appointments: { type: 'array', items: ref('OwnAppointment') }
							}
						}),
						'401': errorResponse('No device key (code `device_required`)')
					}
				}
			},
			'/api/v1/slots': {
				get: {
					summary: 'Free appointment slots of a service',
					description: `Times are ISO 8601 with the offset of the commune's time zone (${TIME_ZONE}).`,
					parameters: [
						{ name: 'serviceId', in: 'query', required: true, schema: { type: 'string' } },
						{
							name: 'from',
							in: 'query',
							required: false,
							description: 'First day (default today)',
							schema: { type: 'string', format: 'date' }
						},
						{
							name: 'to',
							in: 'query',
							required: false,
							description: 'Last day (default from + 13)',
							schema: { type: 'string', format: 'date' }
						}
					],
					responses: {
						'200': json('Appointment types and free slots', {
							type: 'object',
							required: ['appointmentTypes', 'slots'],
							properties: {
								appointmentTypes: { type: 'array', items: ref('AppointmentType') },
								slots: { type: 'array', items: ref('Slot') }
							}
						}),
						'400': errorResponse(
							'Bad service id or dates (codes `invalid_query`, `invalid_range`)'
						),
						'404': errorResponse('The service takes no appointments (code `not_bookable`)')
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
					summary:
						'The language and display settings the server would render with for this request',
					responses: {
						'200': json('Preferences', {
							type: 'object',
							required: ['lang', 'display'],
							properties: {
								lang: { type: 'string' },
								display: {
									type: 'object',
									required: ['text', 'contrast', 'spacing', 'motion'],
									properties: {
										text: { enum: ['100', '125', '150', '200'] },
										contrast: { enum: ['standard', 'reinforced', 'dark'] },
										spacing: { enum: ['normal', 'wide'] },
										motion: { enum: ['auto', 'reduce'] }
									}
								},
								assistedBy: {
									type: ['object', 'null'],
									description:
										'The agent signed in on this tablet to help the person (assisted mode), and since when',
									required: ['name', 'since'],
									properties: {
										name: { type: 'string' },
										since: { type: 'string', format: 'date-time' }
									}
								}
							}
						})
					}
				}
			},
			'/api/v1/my-data': {
				get: {
					summary:
						'Everything the server holds from this device (requests with their answers and history, appointments, erasure requests), for the person to download',
					security: [{ device: [] }],
					responses: {
						'200': json('The export', {
							type: 'object',
							required: ['exportedAt', 'requests', 'appointments', 'erasureRequests'],
							properties: {
								exportedAt: { type: 'string', format: 'date-time' },
								requests: { type: 'array', items: { type: 'object' } },
								appointments: { type: 'array', items: { type: 'object' } },
								erasureRequests: { type: 'array', items: { type: 'object' } }
							}
						}),
						'401': errorResponse('No device key (code `device_required`)')
					}
				}
			},
			'/api/v1/staff/me': {
				get: {
					summary: 'The signed-in staff member (staff session cookie)',
					security: [{ staff: [] }],
					responses: {
						'200': json('Who is signed in', {
							type: 'object',
							required: ['id', 'name', 'role'],
							properties: {
								id: { type: 'string' },
								name: { type: 'string' },
								role: { enum: ['agent', 'admin'] }
							}
						}),
						...staffErrors
					}
				}
			},
			'/api/v1/staff/requests': {
				get: {
					summary:
						'Requests inbox: the 100 newest matching the filters, with the total; the read is written to the access journal',
					security: [{ staff: [] }],
					parameters: [
						query('etat', 'Status: received, in_progress, done or refused'),
						query('type', 'Form id'),
						query('du', 'Received from this day (YYYY-MM-DD, commune time)'),
						query('au', 'Received until this day (YYYY-MM-DD, commune time)'),
						query('nom', "Part of the person's name, accents and capitals ignored")
					],
					responses: {
						'200': json('The inbox', {
							type: 'object',
							required: ['filters', 'invalid', 'total', 'limit', 'requests', 'forms'],
							properties: {
								filters: { type: 'object' },
								invalid: { type: 'array', items: { type: 'string' } },
								total: { type: 'integer' },
								limit: { type: 'integer' },
								requests: { type: 'array', items: { type: 'object' } },
								forms: { type: 'array', items: { type: 'object' } }
							}
						}),
						...staffErrors
					}
				}
			},
			'/api/v1/staff/requests/{id}': {
				get: {
					summary:
						'One request with its answers (against the form version filled in) and history; the read is written to the access journal',
					security: [{ staff: [] }],
					parameters: [
						{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
					],
					responses: {
						'200': json('The request', {
							type: 'object',
							required: ['request', 'form', 'serviceTitle', 'events', 'next'],
							properties: {
								request: { type: 'object' },
								form: { type: 'object' },
								serviceTitle: { type: 'string' },
								events: { type: 'array', items: { type: 'object' } },
								next: { type: 'array', items: { type: 'string' } }
							}
						}),
						'404': errorResponse('No such request'),
						...staffErrors
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
			securitySchemes: {
				device: {
					type: 'apiKey',
					in: 'header',
					name: 'Authorization',
					description:
						'`Device <key>`: a random key (32 to 128 base64url characters) the device makes once'
				},
				staff: {
					type: 'apiKey',
					in: 'cookie',
					name: 'portail_staff',
					description: 'The staff session, set by signing in at /pro/connexion (HttpOnly)'
				}
			},
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
				AppointmentType: {
					type: 'object',
					required: ['id', 'label', 'durationMinutes', 'mode'],
					properties: {
						id: { type: 'string' },
						label: ref('Localized'),
						durationMinutes: { type: 'integer' },
						mode: { enum: ['in_person', 'phone', 'home_visit'] }
					}
				},
				Slot: {
					type: 'object',
					required: ['appointmentTypeId', 'start', 'end', 'remaining'],
					properties: {
						appointmentTypeId: { type: 'string' },
						start: { type: 'string', format: 'date-time' },
						end: { type: 'string', format: 'date-time' },
						remaining: { type: 'integer', minimum: 0 }
					}
				},
				Mutation: {
					type: 'object',
					required: ['id', 'type', 'payload', 'createdAt'],
					additionalProperties: false,
					properties: {
						id: { type: 'string', format: 'uuid' },
						createdAt: { type: 'string', format: 'date-time' }
					},
					oneOf: [
						mutationOf('request.submit', {
							required: ['formId', 'formVersion', 'answers'],
							properties: {
								formId: { type: 'string' },
								formVersion: { type: 'integer', minimum: 1 },
								answers: {
									type: 'object',
									description:
										'By field name: text; a list for checkboxes; YYYY-MM-DD for dates; true for consent',
									additionalProperties: { type: ['string', 'boolean', 'array'] }
								},
								assisted: {
									type: 'object',
									description:
										'Sent with an agent beside the person (assisted mode): her explicit consent. The agent is taken from the staff session cookie, never from the body.',
									required: ['consent'],
									additionalProperties: false,
									properties: { consent: { const: true } }
								}
							}
						}),
						mutationOf('appointment.book', {
							required: ['serviceId', 'appointmentTypeId', 'start'],
							properties: {
								serviceId: { type: 'string' },
								appointmentTypeId: { type: 'string' },
								start: { type: 'string', format: 'date-time' },
								contact: {
									type: 'object',
									description: 'Name and phone from the person’s details, for the office',
									required: ['name', 'phone'],
									additionalProperties: false,
									properties: {
										name: { type: 'string', maxLength: 200 },
										phone: { type: 'string', maxLength: 40 }
									}
								}
							}
						}),
						mutationOf('appointment.cancel', {
							required: ['appointmentId'],
							properties: { appointmentId: { type: 'string', format: 'uuid' } }
						}),
						mutationOf('appointment.reschedule', {
							required: ['appointmentId', 'start'],
							properties: {
								appointmentId: { type: 'string', format: 'uuid' },
								start: { type: 'string', format: 'date-time' }
							}
						}),
						mutationOf('person.erasureRequest', {
							description:
								'The person asks the commune to erase what it holds from this device; an administrator carries it out. Answered with a reference E-XXX-XXX.',
							required: [],
							properties: {}
						}),
						mutationOf('request.setStatus', {
							description:
								'Staff only (session cookie): moves a request on. `from` is the status the agent saw; a different current status is a conflict.',
							required: ['requestId', 'from', 'to', 'message'],
							properties: {
								requestId: { type: 'string', format: 'uuid' },
								from: { enum: ['received', 'in_progress', 'done', 'refused'] },
								to: { enum: ['in_progress', 'done', 'refused'] },
								message: { type: 'string', maxLength: 2000 }
							}
						})
					]
				},
				MutationResult: {
					type: 'object',
					required: ['id', 'status'],
					properties: {
						id: { type: 'string', format: 'uuid' },
						status: { enum: ['applied', 'duplicate', 'conflict', 'rejected'] },
						reference: {
							type: 'string',
							description: 'Short reference to read over the phone, e.g. D-7KM-4QX'
						},
						recordId: {
							type: 'string',
							description: 'The request or appointment created or changed'
						},
						errors: {
							type: 'array',
							items: {
								type: 'object',
								required: ['field', 'code', 'message'],
								properties: {
									field: { type: 'string' },
									code: { type: 'string' },
									message: { type: 'string' }
								}
							}
						},
						alternatives: {
							type: 'array',
							items: {
								type: 'object',
								required: ['appointmentTypeId', 'start', 'end'],
								properties: {
									appointmentTypeId: { type: 'string' },
									start: { type: 'string', format: 'date-time' },
									end: { type: 'string', format: 'date-time' }
								}
							}
						}
					}
				},
				OwnRequest: {
					type: 'object',
					required: ['id', 'reference', 'formId', 'serviceId', 'status', 'createdAt', 'updatedAt'],
					properties: {
						id: { type: 'string' },
						reference: { type: 'string' },
						formId: { type: 'string' },
						serviceId: { type: 'string' },
						status: { enum: ['received', 'in_progress', 'done', 'refused'] },
						statusMessage: { type: ['string', 'null'] },
						createdAt: { type: 'string', format: 'date-time' },
						updatedAt: { type: 'string', format: 'date-time' }
					}
				},
				OwnAppointment: {
					type: 'object',
					required: ['id', 'reference', 'serviceId', 'appointmentTypeId', 'start', 'end', 'status'],
					properties: {
						id: { type: 'string' },
						reference: { type: 'string' },
						serviceId: { type: 'string' },
						appointmentTypeId: { type: 'string' },
						start: { type: 'string', format: 'date-time' },
						end: { type: 'string', format: 'date-time' },
						status: { enum: ['booked', 'cancelled'] },
						updatedAt: { type: 'string', format: 'date-time' }
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
