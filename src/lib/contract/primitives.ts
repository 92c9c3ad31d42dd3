import * as v from 'valibot';

// The wire's smallest pieces, shared by every noun's module.

export const uuid = v.pipe(v.string(), v.uuid());

/** A catalogue id (a service, a form, a type): lower-case words joined by hyphens. */
export const id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/), v.maxLength(100));

/**
 * An instant with its offset, as the slots endpoint gives it. The pattern is the published one
 * (it says month 01–12, day 01–31, hour 00–23, a year of this era); the check adds what a pattern
 * cannot say: that the day exists in its month (no 31 February).
 */
export const instant = v.pipe(
	v.string(),
	v.regex(
		/^(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/
	),
	v.check((s) => {
		const [year, month, day] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
		const date = new Date(Date.UTC(year, month - 1, day));
		return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	})
);

export const dateTime = v.pipe(v.string(), v.isoTimestamp());

/** A text per language code; `fr` is always present and is the fallback. */
export const localizedSchema = v.objectWithRest({ fr: v.string() }, v.string());

/** Every error the API answers, its fields named for a form to show beside each question. */
export const errorSchema = v.object({
	error: v.object({
		code: v.string(),
		message: v.string(),
		fields: v.array(
			v.object({ field: v.string(), message: v.string(), code: v.optional(v.string()) })
		)
	})
});

/** Filled in with an agent beside her (assisted mode): she agreed that the agent sends it for her. */
export const assistedSchema = v.optional(v.strictObject({ consent: v.literal(true) }));
