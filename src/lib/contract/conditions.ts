import * as v from 'valibot';

// "Afficher cette question seulement si…": when a question or a whole step of a form is shown,
// from earlier answers. One rule, or rules joined by "and" (all) or "or" (any), one level deep as
// Démarche Numérique offers them: enough for the Cerfa's branches, plain to say in words.

const questionName = v.pipe(v.string(), v.minLength(1), v.maxLength(40));

export const CHOICE_OPS = ['equals', 'differs'] as const;
export const PRESENCE_OPS = ['answered', 'notAnswered'] as const;
export const NUMBER_OPS = ['lt', 'lte', 'gt', 'gte'] as const;
/** On a date of birth: the person is under, or at least, so many years old today. */
export const AGE_OPS = ['ageUnder', 'ageAtLeast'] as const;
/** Every rule's operator, in the order the staff editor offers them. */
export const CONDITION_OPS = [
	...CHOICE_OPS,
	'oneOf',
	...PRESENCE_OPS,
	...NUMBER_OPS,
	...AGE_OPS
] as const;

export const ruleSchema = v.union([
	/** Her answer is (or is not) this choice or text; for boxes to tick, this box is ticked. */
	v.strictObject({
		field: questionName,
		op: v.picklist(CHOICE_OPS),
		value: v.pipe(v.string(), v.maxLength(200))
	}),
	/** Her answer is one of these choices (for boxes to tick: one of them is ticked). */
	v.strictObject({
		field: questionName,
		op: v.literal('oneOf'),
		values: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.minLength(1), v.maxLength(50))
	}),
	/** She answered the question (or left it empty). */
	v.strictObject({ field: questionName, op: v.picklist(PRESENCE_OPS) }),
	/** Her number is below, at most, above, at least this one. */
	v.strictObject({ field: questionName, op: v.picklist(NUMBER_OPS), value: v.number() }),
	/** The date she gave (a birth date) makes someone under, or at least, this many years old. */
	v.strictObject({
		field: questionName,
		op: v.picklist(AGE_OPS),
		value: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(130))
	})
]);

const rules = v.pipe(v.array(ruleSchema), v.minLength(1), v.maxLength(10));

export const conditionSchema = v.union([
	ruleSchema,
	v.strictObject({ all: rules }),
	v.strictObject({ any: rules })
]);

export type ConditionRule = v.InferOutput<typeof ruleSchema>;
export type Condition = v.InferOutput<typeof conditionSchema>;
