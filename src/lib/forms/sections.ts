import type { Localized } from '$lib/catalogue/types';
import { visibility } from './conditions';
import { fieldAnswer, memberPath, membersOf, memberTitle } from './groups';
import type { Answers, FieldAnswer, FormDefinition, FormField, RepeatGroup } from './types';

// Her answers as they are read back, step by step: by her before sending and long after, by the
// office in the request, in "Mes données". One reading, so a block's members and a hidden
// question are shown the same way everywhere.

export interface AnswerRow {
	field: FormField;
	value: FieldAnswer | undefined;
}

export interface MemberSection {
	/** From 0, as in problems' names ("foyer.1.lien"). */
	index: number;
	title: Localized;
	rows: AnswerRow[];
}

export interface AnswerSection {
	/** The step's number, from 1. */
	step: number;
	title: Localized;
	/** The official form's part the step belongs to ("3. Votre foyer"), when the form names it. */
	section?: Localized;
	/** A step asked once: its questions she was asked. */
	rows: AnswerRow[];
	/** A repeated block: how it is repeated, and each member's questions. */
	repeat?: RepeatGroup;
	members?: MemberSection[];
}

/** The steps she was asked, each with the questions she was asked and her answers. */
export function answerSections(form: FormDefinition, answers: Answers): AnswerSection[] {
	const shown = visibility(form, answers);
	const sections: AnswerSection[] = [];
	form.steps.forEach((step, index) => {
		if (!shown.steps.includes(index + 1)) return;
		const base = {
			step: index + 1,
			title: step.title,
			...(step.section ? { section: step.section } : {})
		};
		if (!step.repeat) {
			const rows = step.fields
				.filter((f) => shown.fields.has(f.name))
				.map((field) => ({ field, value: fieldAnswer(answers, field.name) }));
			sections.push({ ...base, rows });
			return;
		}
		const { repeat } = step;
		const asked = shown.members.get(repeat.name) ?? [];
		const members = membersOf(answers, repeat.name).map((member, i) => ({
			index: i,
			title: memberTitle(repeat, i),
			rows: step.fields
				.filter((f) => asked[i]?.has(f.name))
				.map((field) => ({ field, value: fieldAnswer(member, field.name) }))
		}));
		sections.push({ ...base, rows: [], repeat, members });
	});
	return sections;
}

const joined = (a: Localized, b: Localized): Localized =>
	Object.fromEntries(
		[...new Set([...Object.keys(a), ...Object.keys(b)])].map((lang) => [
			lang,
			`${a[lang] ?? a.fr} – ${b[lang] ?? b.fr}`
		])
	) as Localized;

/**
 * The questions problems can be about, named as problems name them: a block's own ("foyer":
 * too few people) under its step's title, each member's as "Personne 2 – Sa date de naissance".
 * What an error summary needs to say which question of which person is wrong.
 */
export function problemFields(form: FormDefinition, answers: Answers): FormField[] {
	return form.steps.flatMap((step) => {
		if (!step.repeat) return step.fields;
		const { repeat } = step;
		const block: FormField = { name: repeat.name, type: 'text', label: step.title, required: true };
		return [
			block,
			...membersOf(answers, repeat.name).flatMap((_, i) =>
				step.fields.map((field) => ({
					...field,
					name: memberPath(repeat.name, i, field.name),
					label: joined(memberTitle(repeat, i), field.label)
				}))
			)
		];
	});
}
