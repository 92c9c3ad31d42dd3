import * as v from 'valibot';

// The shape of a commune's catalogue file. Text is one French string or one string per language.
const localized = v.union([
	v.pipe(v.string(), v.trim(), v.minLength(1)),
	v.pipe(
		v.record(v.pipe(v.string(), v.regex(/^[a-z]{2}(-[a-z]+)?$/)), v.pipe(v.string(), v.trim())),
		v.check(
			(value) => typeof value.fr === 'string' && value.fr.length > 0,
			'a French text is required'
		)
	)
]);

const optionalLocalized = v.optional(localized);

const slug = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by hyphens')
);

const contact = v.object({
	name: localized,
	phone: v.optional(v.pipe(v.string(), v.regex(/^[0-9+ ]{2,20}$/))),
	email: v.optional(v.pipe(v.string(), v.email())),
	address: v.optional(v.string()),
	hours: optionalLocalized
});

export const catalogueFileSchema = v.object({
	contacts: v.record(slug, contact),
	themes: v.array(
		v.object({
			id: slug,
			title: localized,
			description: localized,
			icon: v.optional(v.string(), 'info')
		})
	),
	services: v.array(
		v.object({
			id: slug,
			theme: slug,
			title: localized,
			summary: localized,
			description: localized,
			audience: localized,
			howToApply: localized,
			keywords: v.union([v.array(v.string()), v.record(v.string(), v.array(v.string()))]),
			contact: v.union([slug, contact]),
			action: v.optional(v.picklist(['appointment', 'request', 'contact']), 'contact')
		})
	)
});

export type CatalogueFile = v.InferOutput<typeof catalogueFileSchema>;
