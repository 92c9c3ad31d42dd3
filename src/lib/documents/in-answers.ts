import type { DocumentPage } from '$lib/contract/documents';
import { isDocument } from '$lib/forms/answers';
import { memberPath, membersOf } from '$lib/forms/groups';
import type { Answers, FormDefinition } from '$lib/forms/types';

/**
 * Every page her answers name, with the question it answers ("avis-impot", "foyer.1.piece"):
 * what must reach the town hall before the request can be.
 */
export function pagesIn(
	form: FormDefinition,
	answers: Answers
): { field: string; page: DocumentPage }[] {
	const found: { field: string; page: DocumentPage }[] = [];
	const collect = (field: string, value: unknown) => {
		if (isDocument(value)) for (const page of value.pages) found.push({ field, page });
	};
	for (const step of form.steps) {
		const documents = step.fields.filter((f) => f.type === 'document');
		if (!step.repeat) {
			for (const field of documents) collect(field.name, answers[field.name]);
			continue;
		}
		membersOf(answers, step.repeat.name).forEach((member, index) => {
			for (const field of documents)
				collect(memberPath(step.repeat!.name, index, field.name), member[field.name]);
		});
	}
	return found;
}
