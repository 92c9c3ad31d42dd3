import * as v from 'valibot';
import { appointmentTypeSchema } from '$lib/contract/appointments';
import { formDefinitionSchema, serviceSchema, themeSchema } from '$lib/contract/catalogue';

/**
 * The catalogue's JSON columns, decoded here and nowhere else, with the wire's own schemas: a row
 * written by hand or by an older version fails here, by name, not as an `undefined` pages later.
 */
const column =
	<S extends v.GenericSchema>(schema: S) =>
	(text: string): v.InferOutput<S> =>
		v.parse(schema, JSON.parse(text));

/** themes.data: a theme without its version (the row's change counter). */
export const decodeTheme = column(v.omit(themeSchema, ['version']));

/** catalogue_services.data: always says whether it is bookable (set on import and on edit). */
export const decodeService = column(v.omit(serviceSchema, ['version']));

/** catalogue_forms.data: a published form, its content version and its place among forms inside. */
export const decodeForm = column(
	v.object({ ...formDefinitionSchema.entries, position: v.optional(v.number()) })
);

/** form_drafts.data: a form being written, placed among the service's forms. */
export const decodeDraftForm = column(
	v.object({ ...v.omit(formDefinitionSchema, ['version']).entries, position: v.number() })
);

/** appointment_types.data: what the type is, and what to bring to it. */
export const decodeAppointmentType = column(v.omit(appointmentTypeSchema, ['id']));

/** app_meta's synonyms: the commune's groups of words searched as one, and their version. */
export const decodeSynonyms = column(
	v.object({ version: v.number(), groups: v.array(v.array(v.string())) })
);
