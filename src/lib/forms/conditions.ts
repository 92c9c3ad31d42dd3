import type { Condition, ConditionRule } from '$lib/contract/conditions';
import { NUMBER_OPS } from '$lib/contract/conditions';
import { numberOf } from './answers';
import {
	CHOICE_TYPES,
	NUMBER_TYPES,
	type Answers,
	type FormDefinition,
	type FormField,
	type FormStep
} from './types';

// One reading of "Afficher seulement si…" for the tablet (which question comes next), the server
// (which answers a submission must have, and which it drops) and the staff editor (what may be
// published): the same function everywhere, so they cannot disagree.

type Answer = Answers[string] | undefined;

const answered = (answer: Answer): boolean =>
	typeof answer === 'string'
		? answer.trim() !== ''
		: Array.isArray(answer)
			? answer.length > 0
			: typeof answer === 'object'
				? Object.values(answer).some(answered)
				: answer === true;

/** Her answer is this choice or text; for boxes to tick, this box is among those ticked. */
const is = (answer: Answer, value: string) =>
	Array.isArray(answer)
		? answer.includes(value)
		: typeof answer === 'boolean'
			? String(answer) === value
			: typeof answer === 'string' && answer.trim() === value;

function ruleHolds(rule: ConditionRule, answers: Answers): boolean {
	const answer = Object.hasOwn(answers, rule.field) ? answers[rule.field] : undefined;
	switch (rule.op) {
		case 'equals':
			return is(answer, rule.value);
		case 'differs':
			return !is(answer, rule.value);
		case 'oneOf':
			return rule.values.some((value) => is(answer, value));
		case 'answered':
			return answered(answer);
		case 'notAnswered':
			return !answered(answer);
		default: {
			const n = numberOf(answer);
			if (n === null) return false;
			return rule.op === 'lt'
				? n < rule.value
				: rule.op === 'lte'
					? n <= rule.value
					: rule.op === 'gt'
						? n > rule.value
						: n >= rule.value;
		}
	}
}

export function holds(condition: Condition | undefined, answers: Answers): boolean {
	if (!condition) return true;
	if ('all' in condition) return condition.all.every((rule) => ruleHolds(rule, answers));
	if ('any' in condition) return condition.any.some((rule) => ruleHolds(rule, answers));
	return ruleHolds(condition, answers);
}

export const rulesOf = (condition: Condition): ConditionRule[] =>
	'all' in condition ? condition.all : 'any' in condition ? condition.any : [condition];

export interface Visibility {
	/** The questions she is asked, given her answers. */
	fields: Set<string>;
	/** Each step's number (1-based) when it asks her at least one question. */
	steps: number[];
}

/**
 * What the form asks her, given her answers, in the form's order: a hidden question counts as
 * unanswered for the questions after it (its answer, kept in her draft, is neither checked nor
 * sent), so a chain of conditions hides all that depends on a hidden answer.
 */
export function visibility(form: FormDefinition, answers: Answers): Visibility {
	const seen: Answers = {};
	const fields = new Set<string>();
	const steps: number[] = [];
	form.steps.forEach((step, index) => {
		const stepShown = holds(step.showIf, seen);
		let asks = false;
		for (const field of step.fields) {
			if (!stepShown || !holds(field.showIf, seen)) continue;
			fields.add(field.name);
			asks = true;
			if (Object.hasOwn(answers, field.name)) seen[field.name] = answers[field.name]!;
		}
		if (asks) steps.push(index + 1);
	});
	return { fields, steps };
}

/** A step with only the questions she is asked. */
export const shownStep = (step: FormStep, shown: Visibility): FormStep => ({
	...step,
	fields: step.fields.filter((f) => shown.fields.has(f.name))
});

/** Her answers to the questions she is asked, and to no other. */
export function shownAnswers(form: FormDefinition, answers: Answers): Answers {
	const { fields } = visibility(form, answers);
	return Object.fromEntries(Object.entries(answers).filter(([name]) => fields.has(name)));
}

export type ConditionProblem = {
	code:
		| 'conditionUnknownField'
		| 'conditionLaterField'
		| 'conditionUnknownChoice'
		| 'conditionNotANumber';
	/** The step (1-based) whose condition, or whose question's condition, is wrong. */
	step: number;
	/** The question whose condition is wrong; absent for a step's own condition. */
	field?: string;
	/** The question the condition names. */
	on: string;
};

/**
 * Why a form's conditions cannot be published: each must name a question asked before it (not
 * itself, not a later or a removed one), a choice that question offers, a number question for a
 * comparison. Checked when a form is published and when a commune's file is imported.
 */
export function conditionProblems(form: Pick<FormDefinition, 'steps'>): ConditionProblem[] {
	const problems: ConditionProblem[] = [];
	const all = new Map(form.steps.flatMap((s) => s.fields.map((f) => [f.name, f] as const)));
	const earlier = new Map<string, FormField>();
	const check = (condition: Condition | undefined, step: number, field?: string) => {
		for (const rule of condition ? rulesOf(condition) : []) {
			const at = { step, ...(field ? { field } : {}), on: rule.field };
			const target = earlier.get(rule.field);
			if (!target) {
				problems.push({
					...at,
					code: all.has(rule.field) ? 'conditionLaterField' : 'conditionUnknownField'
				});
				continue;
			}
			const values = rule.op === 'oneOf' ? rule.values : 'value' in rule ? [rule.value] : [];
			if (
				CHOICE_TYPES.includes(target.type) &&
				values.some((value) => !target.options?.some((o) => o.value === value))
			) {
				problems.push({ ...at, code: 'conditionUnknownChoice' });
			}
			if (
				(NUMBER_OPS as readonly string[]).includes(rule.op) &&
				!NUMBER_TYPES.includes(target.type)
			) {
				problems.push({ ...at, code: 'conditionNotANumber' });
			}
		}
	};
	form.steps.forEach((step, index) => {
		check(step.showIf, index + 1);
		for (const field of step.fields) {
			check(field.showIf, index + 1, field.name);
			earlier.set(field.name, field);
		}
	});
	return problems;
}
