import type * as v from 'valibot';
import type {
	catalogueDeltaSchema,
	contactSchema,
	serviceSchema,
	themeSchema
} from '$lib/contract/catalogue';
import type { localizedSchema } from '$lib/contract/primitives';

// The catalogue's types, inferred from the wire's schemas (src/lib/contract/catalogue.ts): one
// shape, one source.

/** A text in several languages; French is always present and is the fallback. */
export type Localized = v.InferOutput<typeof localizedSchema>;

export type Contact = v.InferOutput<typeof contactSchema>;

export type Theme = v.InferOutput<typeof themeSchema>;

/**
 * A service: what the service page puts first when it has neither a form nor appointments
 * (`action`), its online form (`formId`), whether appointments can be booked online.
 */
export type Service = v.InferOutput<typeof serviceSchema>;

export type ServiceAction = Service['action'];

/** What changed since a cursor; `full` when the device must drop what it has and start over. */
export type CatalogueDelta = v.InferOutput<typeof catalogueDeltaSchema>;
