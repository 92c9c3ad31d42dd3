import type { Condition, ConditionRule } from '$lib/contract/conditions';
import { AGE_OPS, NUMBER_OPS } from '$lib/contract/conditions';
import { communeDay } from '$lib/time/commune-time';
import { numberOf } from './answers';
import { isMemberList, membersOf } from './groups';
import {
	CHOICE_TYPES,
	NUMBER_TYPES,
	type Answers,
	type FormDefinition,
	type FormField,
	type FormStep,
	type MemberAnswers
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
		? (answer as unknown[]).includes(value)
		: typeof answer === 'boolean'
			? String(answer) === value
			: typeof answer === 'string' && answer.trim() === value;

/**
 * Whole years from a day ("YYYY-MM-DD") to today in the commune; null when it is not a day.
 * Read on the day the form is filled and the day it arrives alike: a birthday in between can
 * show or hide a question, so a question asked by age is best left optional (papers she may bring).
 */
export function ageOn(born: unknown, today = communeDay()): number | null {
	if (typeof born !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(born)) return null;
	const years = Number(today.slice(0, 4)) - Number(born.slice(0, 4));
	return today.slice(5) < born.slice(5) ? years - 1 : years;
}

function ruleHolds(rule: ConditionRule, answers: Answers, today: string): boolean {
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
		case 'ageUnder':
		case 'ageAtLeast': {
			const age = ageOn(answer, today);
			if (age === null) return false;
			return rule.op === 'ageUnder' ? age < rule.value : age >= rule.value;
		}
		default: {
			// A block's answer is counted: "more than 2 people in the household".
			const n = isMemberList(answer) ? answer.length : numberOf(answer);
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

/** `today` (the commune's day) is what an age is read against: the checking's own day. */
export function holds(
	condition: Condition | undefined,
	answers: Answers,
	today = communeDay()
): boolean {
	if (!condition) return true;
	if ('all' in condition) return condition.all.every((rule) => ruleHolds(rule, answers, today));
	if ('any' in condition) return condition.any.some((rule) => ruleHolds(rule, answers, today));
	return ruleHolds(condition, answers, today);
}

export const rulesOf = (condition: Condition): ConditionRule[] =>
	'all' in condition ? condition.all : 'any' in condition ? condition.any : [condition];

export interface Visibility {
	/** The questions she is asked, given her answers, and the repeated blocks she is asked. */
	fields: Set<string>;
	/** Each step's number (1-based) when it asks her at least one question or a block. */
	steps: number[];
	/** For each block she is asked: each member's questions, given that member's answers. */
	members: Map<string, Set<string>[]>;
}

/**
 * What the form asks her, given her answers, in the form's order: a hidden question counts as
 * unanswered for the questions after it (its answer, kept in her draft, is neither checked nor
 * sent), so a chain of conditions hides all that depends on a hidden answer.
 */
export function visibility(
	form: FormDefinition,
	answers: Answers,
	today = communeDay()
): Visibility {
	const seen: Answers = {};
	const fields = new Set<string>();
	const steps: number[] = [];
	const members = new Map<string, Set<string>[]>();
	form.steps.forEach((step, index) => {
		const stepShown = holds(step.showIf, seen, today);
		if (stepShown && step.repeat) {
			const { name } = step.repeat;
			fields.add(name);
			steps.push(index + 1);
			const list = membersOf(answers, name);
			members.set(
				name,
				list.map((member) => memberQuestions(step, member, seen, today))
			);
			seen[name] = list;
			return;
		}
		let asks = false;
		for (const field of step.fields) {
			if (!stepShown || !holds(field.showIf, seen, today)) continue;
			fields.add(field.name);
			asks = true;
			if (Object.hasOwn(answers, field.name)) seen[field.name] = answers[field.name]!;
		}
		if (asks) steps.push(index + 1);
	});
	return { fields, steps, members };
}

/**
 * The questions of a block one member is asked: its conditions read that member's earlier
 * answers ("Lequel ?" after "Autre lien"), and her own answers before the block.
 */
export function memberQuestions(
	step: FormStep,
	member: MemberAnswers,
	before: Answers,
	today = communeDay()
) {
	const scope: Answers = { ...before };
	const shown = new Set<string>();
	for (const field of step.fields) {
		if (!holds(field.showIf, scope, today)) continue;
		shown.add(field.name);
		if (Object.hasOwn(member, field.name)) scope[field.name] = member[field.name]!;
	}
	return shown;
}

/** Her answers before a step: what the conditions of a block's questions may read. */
export function answersBefore(form: FormDefinition, step: number, answers: Answers): Answers {
	const names = new Set(
		form.steps
			.slice(0, step - 1)
			.flatMap((s) => (s.repeat ? [s.repeat.name] : s.fields.map((f) => f.name)))
	);
	return shownAnswersOf(form, answers, (name) => names.has(name));
}

/** A step with only the questions she is asked. */
export const shownStep = (step: FormStep, shown: Visibility): FormStep => ({
	...step,
	fields: step.fields.filter((f) => shown.fields.has(f.name))
});

/** Her answers to the questions she is asked, and to no other (in each member's block too). */
export const shownAnswers = (form: FormDefinition, answers: Answers): Answers =>
	shownAnswersOf(form, answers, () => true);

function shownAnswersOf(form: FormDefinition, answers: Answers, keep: (name: string) => boolean) {
	const { fields, members } = visibility(form, answers);
	const out: Answers = {};
	for (const [name, answer] of Object.entries(answers)) {
		if (!fields.has(name) || !keep(name)) continue;
		const asked = members.get(name);
		out[name] = asked
			? membersOf(answers, name).map((member, i) =>
					Object.fromEntries(Object.entries(member).filter(([q]) => asked[i]?.has(q)))
				)
			: answer;
	}
	return out;
}

export type ConditionProblem = {
	code:
		| 'conditionUnknownField'
		| 'conditionLaterField'
		| 'conditionUnknownChoice'
		| 'conditionNotANumber'
		| 'conditionNotADate'
		| 'conditionMemberField'
		| 'conditionGroupCount'
		| 'sameAsUnknown';
	/** The step (1-based) whose condition, or whose question's condition, is wrong. */
	step: number;
	/** The question whose condition is wrong; absent for a step's own condition. */
	field?: string;
	/** The question the condition names. */
	on: string;
};

/** What a rule may name: a question, or a repeated block (counted only). */
type Target = FormField | 'block';

/**
 * Why a form's conditions cannot be published: each must name a question asked before it (not
 * itself, not a later or a removed one), a choice that question offers, a number question for a
 * comparison. Inside a repeated block, a question may also name the member's earlier questions;
 * outside it, only the block itself, counted ("more than 2 people"). A block's "comme moi"
 * (`sameAs`) names a question she answers once, before the block. Checked when a form is
 * published and when a commune's file is imported.
 */
export function conditionProblems(form: Pick<FormDefinition, 'steps'>): ConditionProblem[] {
	const problems: ConditionProblem[] = [];
	const all = new Map(form.steps.flatMap((s) => s.fields.map((f) => [f.name, f] as const)));
	const inBlocks = new Set(
		form.steps.filter((s) => s.repeat).flatMap((s) => s.fields.map((f) => f.name))
	);
	const earlier = new Map<string, Target>();
	const check = (
		condition: Condition | undefined,
		known: Map<string, Target>,
		step: number,
		field?: string
	) => {
		for (const rule of condition ? rulesOf(condition) : []) {
			const at = { step, ...(field ? { field } : {}), on: rule.field };
			const target = known.get(rule.field);
			if (!target) {
				const code = inBlocks.has(rule.field)
					? 'conditionMemberField'
					: all.has(rule.field)
						? 'conditionLaterField'
						: 'conditionUnknownField';
				problems.push({ ...at, code });
				continue;
			}
			const compares = (NUMBER_OPS as readonly string[]).includes(rule.op);
			if (target === 'block') {
				if (!compares && rule.op !== 'answered' && rule.op !== 'notAnswered')
					problems.push({ ...at, code: 'conditionGroupCount' });
				continue;
			}
			const values = rule.op === 'oneOf' ? rule.values : 'value' in rule ? [rule.value] : [];
			if (
				CHOICE_TYPES.includes(target.type) &&
				values.some((value) => !target.options?.some((o) => o.value === value))
			) {
				problems.push({ ...at, code: 'conditionUnknownChoice' });
			}
			if (compares && !NUMBER_TYPES.includes(target.type)) {
				problems.push({ ...at, code: 'conditionNotANumber' });
			}
			if ((AGE_OPS as readonly string[]).includes(rule.op) && target.type !== 'date') {
				problems.push({ ...at, code: 'conditionNotADate' });
			}
		}
	};
	form.steps.forEach((step, index) => {
		check(step.showIf, earlier, index + 1);
		if (!step.repeat) {
			for (const field of step.fields) {
				check(field.showIf, earlier, index + 1, field.name);
				earlier.set(field.name, field);
			}
			return;
		}
		const block = new Map(earlier);
		for (const field of step.fields) {
			check(field.showIf, block, index + 1, field.name);
			const hers = field.sameAs ? earlier.get(field.sameAs) : undefined;
			if (field.sameAs && (!hers || hers === 'block' || hers.type !== field.type))
				problems.push({
					step: index + 1,
					field: field.name,
					on: field.sameAs,
					code: 'sameAsUnknown'
				});
			block.set(field.name, field);
		}
		earlier.set(step.repeat.name, 'block');
	});
	return problems;
}
