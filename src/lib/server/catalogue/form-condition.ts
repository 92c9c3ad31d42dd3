import type { Condition, ConditionRule } from '$lib/contract/conditions';
import { AGE_OPS, CONDITION_OPS, NUMBER_OPS } from '$lib/contract/conditions';
import { numberOf } from '$lib/forms/answers';
import { rulesOf } from '$lib/forms/conditions';
import { CHOICE_TYPES, NUMBER_TYPES, type FormField } from '$lib/forms/types';

// "Afficher cette question seulement si…" as the administrator fills it in, without script:
// up to three rows (a question asked before, what its answer must be, the answer), joined by
// "toutes" or "l'une d'elles". Choices are written as she reads them, kept by their value.

export const CONDITION_ROWS = 3;
type EditorOp = (typeof CONDITION_OPS)[number];

const isChoice = (field: FormField) => CHOICE_TYPES.includes(field.type);
const lines = (text: string) =>
	text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);

/** A choice as the administrator wrote it: by its French label (any case), or by its value. */
function choiceValue(field: FormField, written: string): string | undefined {
	const wanted = written.trim().toLocaleLowerCase('fr');
	return field.options?.find(
		(o) =>
			(o.label.fr ?? '').trim().toLocaleLowerCase('fr') === wanted || o.value === written.trim()
	)?.value;
}

const choiceLabel = (field: FormField | undefined, value: string) =>
	field?.options?.find((o) => o.value === value)?.label.fr ?? value;

/** The page's rows for a question's condition (the reverse of `conditionFromInput`). */
export function conditionValues(
	condition: Condition | undefined,
	earlier: FormField[]
): Record<string, string> {
	const values: Record<string, string> = {
		ifJoin: condition && 'any' in condition ? 'any' : 'all'
	};
	(condition ? rulesOf(condition) : []).slice(0, CONDITION_ROWS).forEach((rule, row) => {
		const target = earlier.find((f) => f.name === rule.field);
		values[`ifField${row}`] = rule.field;
		values[`ifOp${row}`] = rule.op;
		values[`ifValue${row}`] =
			rule.op === 'oneOf'
				? rule.values.map((v) => choiceLabel(target, v)).join('\n')
				: 'value' in rule
					? typeof rule.value === 'number'
						? String(rule.value)
						: choiceLabel(target, rule.value)
					: '';
	});
	return values;
}

function ruleOf(target: FormField, op: EditorOp, written: string): ConditionRule | 'value' {
	if (op === 'answered' || op === 'notAnswered') return { field: target.name, op };
	if ((AGE_OPS as readonly string[]).includes(op)) {
		const n = numberOf(written);
		if (target.type !== 'date' || n === null || !Number.isInteger(n) || n < 0 || n > 130)
			return 'value';
		return { field: target.name, op: op as (typeof AGE_OPS)[number], value: n };
	}
	if ((NUMBER_OPS as readonly string[]).includes(op)) {
		const n = numberOf(written);
		if (!NUMBER_TYPES.includes(target.type) || n === null) return 'value';
		return { field: target.name, op: op as (typeof NUMBER_OPS)[number], value: n };
	}
	const given = op === 'oneOf' ? lines(written) : [written.trim()].filter(Boolean);
	if (given.length === 0) return 'value';
	const values = isChoice(target) ? given.map((g) => choiceValue(target, g)) : given;
	if (values.some((v) => v === undefined || v.length > 200)) return 'value';
	const kept = values as string[];
	return op === 'oneOf'
		? { field: target.name, op, values: [...new Set(kept)] }
		: { field: target.name, op: op as 'equals' | 'differs', value: kept[0]! };
}

/**
 * The condition the page's rows describe, checked against the questions asked before this one;
 * each wrong row is named (`ifField0`, `ifOp1`, `ifValue2`). No row filled: no condition.
 */
export function conditionFromInput(
	raw: Record<string, string>,
	earlier: FormField[]
): { condition: Condition | undefined; errors: string[] } {
	const rules: ConditionRule[] = [];
	const errors: string[] = [];
	for (let row = 0; row < CONDITION_ROWS; row++) {
		const name = (raw[`ifField${row}`] ?? '').trim();
		if (!name) continue;
		const target = earlier.find((f) => f.name === name);
		const op = raw[`ifOp${row}`] as EditorOp;
		if (!target) errors.push(`ifField${row}`);
		if (!CONDITION_OPS.includes(op)) errors.push(`ifOp${row}`);
		if (!target || !CONDITION_OPS.includes(op)) continue;
		const rule = ruleOf(target, op, raw[`ifValue${row}`] ?? '');
		if (rule === 'value') errors.push(`ifValue${row}`);
		else rules.push(rule);
	}
	if (errors.length || rules.length === 0) return { condition: undefined, errors };
	if (rules.length === 1) return { condition: rules[0], errors };
	return { condition: raw.ifJoin === 'any' ? { any: rules } : { all: rules }, errors };
}

/** A condition in the office's words: « Vivez-vous seule ? » est « Non » et « … » a une réponse. */
export function conditionWords(
	condition: Condition,
	fields: FormField[],
	t: (key: string, params?: { count: number }) => string
): string {
	const rule = (r: ConditionRule) => {
		const target = fields.find((f) => f.name === r.field);
		const question = target ? `« ${target.label.fr} »` : t('staff.condition.removed');
		const op = t(`staff.condition.ops.${r.op}`);
		if (r.op === 'oneOf') {
			return `${question} ${op} ${r.values.map((v) => `« ${choiceLabel(target, v)} »`).join(', ')}`;
		}
		if (!('value' in r)) return `${question} ${op}`;
		const value =
			r.op === 'ageUnder' || r.op === 'ageAtLeast'
				? t('staff.condition.years', { count: r.value })
				: typeof r.value === 'number'
					? r.value.toLocaleString('fr-FR')
					: `« ${choiceLabel(target, r.value)} »`;
		return `${question} ${op} ${value}`;
	};
	const join = 'any' in condition ? t('staff.condition.or') : t('staff.condition.and');
	return rulesOf(condition).map(rule).join(` ${join} `);
}
