import { toJsonSchemaDefs } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import {
	appointmentTypeSchema,
	ownAppointmentSchema,
	slotSchema,
	slotsAnswerSchema
} from '$lib/contract/appointments';
import {
	catalogueDeltaSchema,
	contactSchema,
	formDefinitionSchema,
	formFieldSchema,
	serviceSchema,
	serviceSummarySchema,
	themeSchema
} from '$lib/contract/catalogue';
import { ownRecordsSchema, tabletCodeSchema } from '$lib/contract/devices';
import {
	mutationContractSchema,
	mutationResultSchema,
	outboxAnswerSchema,
	outboxRequestSchema
} from '$lib/contract/outbox';
import { errorSchema, localizedSchema } from '$lib/contract/primitives';
import { myDataSchema } from '$lib/contract/privacy';
import { ownRequestSchema } from '$lib/contract/requests';
import { inboxPageSchema, requestDetailSchema, staffMeSchema } from '$lib/contract/staff';

/** The contract's schemas, by the name each takes in the document's components. */
const definitions = {
	Localized: localizedSchema,
	Theme: themeSchema,
	Contact: contactSchema,
	ServiceSummary: serviceSummarySchema,
	Service: serviceSchema,
	FormField: formFieldSchema,
	FormDefinition: formDefinitionSchema,
	CatalogueDelta: catalogueDeltaSchema,
	Mutation: mutationContractSchema,
	OutboxBody: outboxRequestSchema,
	MutationResult: mutationResultSchema,
	OutboxAnswer: outboxAnswerSchema,
	OwnRequest: ownRequestSchema,
	OwnAppointment: ownAppointmentSchema,
	OwnRecords: ownRecordsSchema,
	TabletCode: tabletCodeSchema,
	AppointmentType: appointmentTypeSchema,
	Slot: slotSchema,
	SlotsAnswer: slotsAnswerSchema,
	InboxPage: inboxPageSchema,
	StaffMe: staffMeSchema,
	RequestDetail: requestDetailSchema,
	MyData: myDataSchema,
	Error: errorSchema
} satisfies Record<string, v.GenericSchema>;

/**
 * JSON Schemas (2020-12, OpenAPI 3.1's dialect) generated from the valibot schemas the server
 * itself checks with. Checks written as code (`v.check`) have no JSON Schema form and are left
 * out: the document may accept a little more than the server, never less.
 */
export function contractComponents(): Record<keyof typeof definitions, object> {
	return toJsonSchemaDefs(definitions, {
		target: 'draft-2020-12',
		errorMode: 'ignore',
		overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`
	}) as Record<keyof typeof definitions, object>;
}
