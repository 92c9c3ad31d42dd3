import type { DocumentPage } from '$lib/contract/documents';
import type { Translator } from '$lib/i18n/i18n';
import { isDocument } from '$lib/forms/answers';
import { answerSections } from '$lib/forms/sections';
import type { Answers, FormDefinition } from '$lib/forms/types';

/** One document of a request: what it is, in the form's words (and whose), and its pages. */
export interface RequestDocument {
	label: string;
	pages: DocumentPage[];
}

/**
 * Her papers in the order the questions come, each person's after that person's title
 * ("Personne 2 – Sa pièce d'identité"): read the same way by the staff request, its viewer and
 * the complete PDF. Only questions she was asked count (a hidden answer is never shown).
 */
export function requestDocuments(
	form: FormDefinition,
	answers: Answers,
	i18n: Pick<Translator, 'pick'>
): RequestDocument[] {
	const found: RequestDocument[] = [];
	for (const section of answerSections(form, answers)) {
		const groups = section.members
			? section.members.map((m) => ({ prefix: `${i18n.pick(m.title)} – `, rows: m.rows }))
			: [{ prefix: '', rows: section.rows }];
		for (const { prefix, rows } of groups) {
			for (const { field, value } of rows) {
				if (isDocument(value) && value.pages.length) {
					found.push({ label: `${prefix}${i18n.pick(field.label)}`, pages: value.pages });
				}
			}
		}
	}
	return found;
}

/** Every page of her papers in order, each with its document's words and its place in it. */
export function pagesInOrder(documents: RequestDocument[]) {
	return documents.flatMap((document) =>
		document.pages.map((page, index) => ({
			...page,
			document: document.label,
			number: index + 1,
			count: document.pages.length
		}))
	);
}
