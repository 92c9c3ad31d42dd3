import commune from '$commune/commune.json';
import { contractComponents } from './openapi-contract';
import { TIME_ZONE } from './time';

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

/** What every address may answer to a request it cannot take (e.g. 405 for another method). */
const anyClientError = {
	description: 'A request the server cannot take, in the error shape (e.g. 405 for another method)',
	content: { 'application/json': { schema: ref('Error') } }
};

/** What every staff route answers to a caller without a staff session, or with the wrong one. */
const staffErrors = {
	'401': errorResponse('No staff session, or an ended one (code `staff_sign_in_required`)'),
	'403': errorResponse("An assisted session on a senior's tablet, or a cross-site request")
};

/** An address whose id is not UTF-8 once decoded (`%FF`): SvelteKit cannot read its route. */
const badAddress = errorResponse(
	'The address cannot be read: an id that is not UTF-8 once decoded (code `bad_address`)'
);

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
					operationId: 'getHealth',
					// Public: no identity needed.
					security: [],
					summary: 'Readiness: answers once the database is migrated and seeded',
					responses: {
						'4XX': anyClientError,
						'200': json('Ready', {
							type: 'object',
							required: ['status'],
							properties: { status: { const: 'ok' } }
						}),
						'503': json('The database cannot be reached; its kind is said, never its host', {
							type: 'object',
							required: ['status', 'database'],
							properties: {
								status: { const: 'unavailable' },
								database: { enum: ['PostgreSQL', 'SQLite'] }
							}
						})
					}
				}
			},
			'/api/v1/catalogue': {
				get: {
					operationId: 'getCatalogue',
					// Public: no identity needed.
					security: [],
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
					operationId: 'listForms',
					// Public: no identity needed.
					security: [],
					summary: 'Every published form definition',
					responses: {
						'4XX': anyClientError,
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
					operationId: 'postOutbox',
					security: [{ device: [] }],
					requestBody: {
						required: true,
						content: { 'application/json': { schema: ref('OutboxBody') } }
					},
					responses: {
						'200': json('One result per mutation, in order', ref('OutboxAnswer')),
						'400': errorResponse('The body is not JSON or not an outbox batch'),
						'401': errorResponse('No device key (code `device_required`)'),
						'403': errorResponse('Sent from another site with a staff cookie (code `cross_site`)'),
						'413': errorResponse(
							'The body is over the server’s limit (code `payload_too_large`): send fewer mutations'
						),
						'415': errorResponse(
							'The body is not declared as JSON (code `unsupported_media_type`)'
						),
						'429': errorResponse(
							'The device, or its address (ten devices’ worth), has sent as many mutations today as it may (code `quota_mutations`, `QUOTA_MUTATIONS_PER_DAY`): nothing of the batch was applied; send it again the next day'
						)
					}
				}
			},
			'/api/v1/requests': {
				get: {
					summary: 'The device’s own requests and appointments, with where they stand',
					operationId: 'getOwnRecords',
					security: [{ device: [] }],
					responses: {
						'200': json('Own records', ref('OwnRecords')),
						'401': errorResponse('No device key (code `device_required`)')
					}
				}
			},
			'/api/v1/slots': {
				get: {
					operationId: 'getSlots',
					// Public: no identity needed.
					security: [],
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
						'200': json('Appointment types and free slots', ref('SlotsAnswer')),
						'400': errorResponse(
							'Bad service id or dates (codes `invalid_query`, `invalid_range`)'
						),
						'404': errorResponse('The service takes no appointments (code `not_bookable`)')
					}
				}
			},
			'/api/v1/themes': {
				get: {
					operationId: 'listThemes',
					// Public: no identity needed.
					security: [],
					summary: 'Every theme with its number of services',
					responses: {
						'4XX': anyClientError,
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
					operationId: 'getTheme',
					// Public: no identity needed.
					security: [],
					summary: 'A theme and the summaries of its services, 20 a page',
					description: 'A page past the last one answers the last one, so an old link still works.',
					parameters: [
						idParameter('theme'),
						{
							name: 'page',
							in: 'query',
							required: false,
							schema: { type: 'integer', minimum: 1, maximum: 999999, default: 1 }
						}
					],
					responses: {
						'200': json('The theme and one page of its services', {
							type: 'object',
							required: ['theme', 'services', 'page', 'pages', 'total'],
							properties: {
								theme: ref('Theme'),
								services: { type: 'array', items: ref('ServiceSummary') },
								page: { type: 'integer', minimum: 1 },
								pages: { type: 'integer', minimum: 1 },
								total: { type: 'integer', minimum: 0 }
							}
						}),
						'400': errorResponse(
							'The page is not a page number (code `invalid_page`), or the id is not UTF-8 once decoded (code `bad_address`)'
						),
						'404': errorResponse('No such theme (code `not_found`)')
					}
				}
			},
			'/api/v1/services/{id}': {
				get: {
					operationId: 'getService',
					// Public: no identity needed.
					security: [],
					summary: 'A service and its theme',
					parameters: [idParameter('service')],
					responses: {
						'200': json('The service', {
							type: 'object',
							required: ['service', 'theme'],
							properties: { service: ref('Service'), theme: ref('Theme') }
						}),
						'400': badAddress,
						'404': errorResponse('No such service (code `not_found`)')
					}
				}
			},
			'/api/v1/search': {
				get: {
					operationId: 'searchServices',
					// Public: no identity needed.
					security: [],
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
			'/api/v1/pages': {
				post: {
					operationId: 'postPage',
					summary:
						'Starts sending a page of her papers with the tus protocol 1.0.0 (creation, creation-with-upload): Upload-Length at most 10 MB, Upload-Metadata with the page’s `id` (a UUID the tablet gave it), `type` (image/jpeg or application/pdf) and `sha256` (lowercase hexadecimal). The same page created again with the same declaration is the same page. Counted against the tablet’s daily volume.',
					security: [{ device: [] }],
					parameters: [
						{ name: 'Tus-Resumable', in: 'header', required: true, schema: { const: '1.0.0' } },
						{ name: 'Upload-Length', in: 'header', required: true, schema: { type: 'integer' } },
						{ name: 'Upload-Metadata', in: 'header', required: true, schema: { type: 'string' } }
					],
					responses: {
						'201': { description: 'Created; Location is the page’s address (/api/v1/pages/{id})' },
						'400': errorResponse('A wrong id, type or hash, or no length (code `invalid_page`)'),
						'401': errorResponse('No device key (code `device_required`)'),
						'409': { description: 'Another tablet’s page, or this one declared otherwise' },
						'413': { description: 'Over 10 MB' },
						'429': errorResponse(
							'This tablet’s daily volume reached, or its address’s (ten tablets’ worth), or too many new devices from its address (code `quota_documents`, `too_many_devices`)'
						)
					}
				}
			},
			'/api/v1/pages/{id}': {
				parameters: [
					{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
				],
				get: {
					operationId: 'getOwnPage',
					summary:
						'The page as the tablet sent it, back to that tablet only, once the town hall holds it whole and checked (“Mes données”: the tablet frees its copy when the request is applied). Always an attachment, under a sandboxing content security policy.',
					security: [{ device: [] }],
					responses: {
						'200': {
							description: 'The page (image/jpeg or application/pdf), as an attachment',
							content: {
								'image/jpeg': { schema: { type: 'string', format: 'binary' } },
								'application/pdf': { schema: { type: 'string', format: 'binary' } }
							}
						},
						'401': { description: 'No device key' },
						'404': { description: 'No such page checked for this tablet' },
						'429': errorResponse(
							'This tablet has downloaded twice its daily sending volume today (QUOTA_DOCUMENT_MB_PER_DAY)'
						)
					}
				},
				head: {
					operationId: 'headPage',
					summary:
						'Where the page stands: Upload-Offset (bytes stored), Upload-Length, Page-Status (receiving, verified or refused) and Page-Refusal (why). A tablet reaches its own pages only.',
					security: [{ device: [] }],
					responses: {
						'200': { description: 'The page’s offset and status, in headers' },
						'404': { description: 'No such page for this tablet' }
					}
				},
				patch: {
					operationId: 'patchPage',
					summary:
						'The page’s next bytes from Upload-Offset (application/offset+octet-stream, at most BODY_SIZE_LIMIT a request: the tablet sends 256 KiB). When the last byte lands, the page is checked (length, SHA-256, type by content, a photo decoded and without metadata, a PDF neither encrypted nor active).',
					security: [{ device: [] }],
					responses: {
						'204': { description: 'Stored; Upload-Offset is the new offset' },
						'404': { description: 'No such page for this tablet' },
						'409': { description: 'Upload-Offset is not where the page stands: ask with HEAD' },
						'422': errorResponse(
							'The page arrived whole but is refused (code `pageDamaged`, `pageTypeMismatch`, `pageUnreadable`, `pageMetadata`, `pageEncrypted`, `pageActive`); its bytes are deleted'
						)
					}
				},
				delete: {
					operationId: 'deletePage',
					summary: 'Withdraws a page no request has taken yet, with its bytes',
					security: [{ device: [] }],
					responses: {
						'204': { description: 'Withdrawn' },
						'404': { description: 'No such page for this tablet, or a request holds it' }
					}
				}
			},
			'/api/v1/push-key': {
				get: {
					operationId: 'getPushKey',
					// Public: the key a browser subscribes with, checked by the push service.
					security: [],
					summary: "The portal's public VAPID key, for a tablet to accept its notices",
					responses: {
						'4XX': anyClientError,
						'200': json('Push key', {
							type: 'object',
							required: ['publicKey'],
							properties: { publicKey: { type: 'string' } }
						})
					}
				}
			},
			'/api/v1/prefs': {
				get: {
					operationId: 'getPrefs',
					// Public: no identity needed.
					security: [],
					summary:
						'The language and display settings the server would render with for this request',
					responses: {
						'4XX': anyClientError,
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
										'The agent signed in on this tablet to help the person (assisted mode), since when, and until when at the latest (the tablet ends the help itself then)',
									required: ['name', 'since', 'until'],
									properties: {
										name: { type: 'string' },
										since: { type: 'string', format: 'date-time' },
										until: { type: 'string', format: 'date-time' }
									}
								}
							}
						})
					}
				}
			},
			'/api/v1/my-data': {
				get: {
					operationId: 'getMyData',
					summary:
						'Everything the server holds from this device (requests with their answers and history, appointments, the messages sent about each, the calls made, her choices, the push service, erasure requests), for the person to download',
					security: [{ device: [] }],
					responses: {
						'200': json('The export', ref('MyData')),
						'401': errorResponse('No device key (code `device_required`)')
					}
				}
			},
			'/api/v1/tablet-code': {
				post: {
					operationId: 'postTabletCode',
					summary:
						'A code of six digits for this device, valid ten minutes, replacing its earlier one: read to an agent booking by phone, it makes the booking follow on this device',
					security: [{ device: [] }],
					responses: {
						'201': json('The code and until when it is valid', ref('TabletCode')),
						'401': errorResponse('No device key (code `device_required`)'),
						'429': errorResponse(
							'Too many codes asked this hour by this device, or too many new devices from its address (code `too_many_codes`, `too_many_devices`)'
						)
					}
				}
			},
			'/api/v1/staff/me': {
				get: {
					operationId: 'getStaffMe',
					summary: 'The signed-in staff member (staff session cookie)',
					security: [{ staff: [] }],
					responses: {
						'200': json(
							'Who is signed in, and the key for the copies kept offline',
							ref('StaffMe')
						),
						...staffErrors
					}
				}
			},
			'/api/v1/staff/requests': {
				get: {
					operationId: 'listStaffRequests',
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
						'200': json('The inbox', ref('InboxPage')),
						...staffErrors
					}
				}
			},
			'/api/v1/staff/requests/{id}': {
				get: {
					operationId: 'getStaffRequest',
					summary:
						'One request with its answers (against the form version filled in) and history; the read is written to the access journal',
					security: [{ staff: [] }],
					parameters: [
						{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
					],
					responses: {
						'200': json('The request', ref('RequestDetail')),
						'400': badAddress,
						'404': errorResponse('No such request'),
						...staffErrors
					}
				}
			},
			'/api/v1/staff/requests/{id}/pages/{pageId}': {
				get: {
					operationId: 'getStaffRequestPage',
					summary:
						'A page of her papers: a photo as a JPEG made by the server (thumbnail or large, turned by quarter turns), or the original as sent, always as a download. Answers carry a sandboxing content security policy; opening large and downloading are journaled',
					security: [{ staff: [] }],
					parameters: [
						{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
						{
							name: 'pageId',
							in: 'path',
							required: true,
							schema: { type: 'string', format: 'uuid' }
						},
						{
							name: 'view',
							in: 'query',
							required: false,
							schema: { type: 'string', enum: ['thumbnail', 'large', 'original'], default: 'large' }
						},
						{
							name: 'turn',
							in: 'query',
							required: false,
							description: 'Quarter turns clockwise (photos)',
							schema: { type: 'integer', minimum: 0, maximum: 3, default: 0 }
						}
					],
					responses: {
						'200': {
							description: 'The rendition (image/jpeg, inline) or the original (attachment)',
							content: {
								'image/jpeg': { schema: { type: 'string', format: 'binary' } },
								'application/pdf': { schema: { type: 'string', format: 'binary' } }
							}
						},
						'400': errorResponse('An unknown view or turn'),
						'404': errorResponse('No such page in this request (or erased by retention)'),
						'415': errorResponse('A rendition asked of a PDF page: download it'),
						...staffErrors
					}
				}
			},
			'/api/v1/staff/requests/{id}/dossier': {
				get: {
					operationId: 'getStaffRequestDossier',
					summary:
						'The complete file as one PDF: the request, her answers step by step, its history, then every page of her papers; journaled as a download',
					security: [{ staff: [] }],
					parameters: [
						{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }
					],
					responses: {
						'200': {
							description: 'The PDF, as an attachment',
							content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }
						},
						'404': errorResponse('No such request'),
						...staffErrors
					}
				}
			},
			'/api/v1/openapi.json': {
				get: {
					operationId: 'getOpenApi',
					// Public: no identity needed.
					security: [],
					summary: 'This document',
					responses: {
						'4XX': anyClientError,
						'200': json('OpenAPI 3.1 document', { type: 'object' })
					}
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
				...contractComponents()
			}
		}
	};
}
