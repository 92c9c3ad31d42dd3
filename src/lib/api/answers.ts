import * as v from 'valibot';
import { slotsAnswerSchema } from '$lib/contract/appointments';
import { catalogueDeltaSchema, serviceSchema, serviceSummarySchema, themeSchema } from '$lib/contract/catalogue';
import { ownRecordsSchema } from '$lib/contract/devices';
import { outboxAnswerSchema } from '$lib/contract/outbox';
import { CONTRASTS, MOTIONS, SPACINGS, TEXT_SIZES } from '$lib/settings/display';

// The answers the tablet reads that the contract (sync/contract.ts) does not describe yet: the
// pages' catalogue reads, her preferences, the push key. Defined once here, beside the others.

const pagedEntries = {
	page: v.number(),
	pages: v.number(),
	total: v.number()
};

export const themesAnswerSchema = v.object({
	themes: v.array(v.object({ ...themeSchema.entries, serviceCount: v.number() }))
});

export const themePageSchema = v.object({
	theme: themeSchema,
	services: v.array(serviceSummarySchema),
	...pagedEntries
});

export const serviceAnswerSchema = v.object({
	service: serviceSchema,
	theme: themeSchema
});

export const searchAnswerSchema = v.object({ results: v.array(serviceSummarySchema) });

export const prefsSchema = v.object({
	lang: v.optional(v.string()),
	display: v.object({
		text: v.picklist(TEXT_SIZES),
		contrast: v.picklist(CONTRASTS),
		spacing: v.picklist(SPACINGS),
		motion: v.picklist(MOTIONS)
	}),
	assistedBy: v.nullable(v.object({ name: v.string(), since: v.string(), until: v.string() }))
});

export const pushKeySchema = v.object({ publicKey: v.string() });

export { catalogueDeltaSchema, outboxAnswerSchema, ownRecordsSchema, slotsAnswerSchema };
