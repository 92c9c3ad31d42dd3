import type { DocumentPage } from '$lib/contract/documents';
import type { ThreadMessage } from '$lib/contract/messages';
import type { Translator } from '$lib/i18n/i18n';
import { answerSections } from '$lib/forms/sections';
import type { Answers, FormDefinition } from '$lib/forms/types';
import { answersOf, isDocument } from '$lib/forms/answers';
import type { RequestDetail } from '$lib/staff/request-detail';

/** One document of a request: what it is, in the form's words (and whose), and its pages. */
export interface RequestDocument {
	label: string;
	pages: Pick<DocumentPage, 'id' | 'type'>[];
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

/**
 * The photos she sent with her messages, one document a message, after the form's: only the pages
 * the town hall still holds (an erased page has nothing left to show).
 */
export function messageDocuments(
	messages: readonly ThreadMessage[],
	held: readonly Pick<DocumentPage, 'id' | 'type'>[],
	label: (message: ThreadMessage) => string
): RequestDocument[] {
	const byId = new Map(held.map((page) => [page.id, page]));
	return messages
		.map((message) => ({
			label: label(message),
			pages: message.pages.flatMap((id) => byId.get(id) ?? [])
		}))
		.filter((document) => document.pages.length > 0);
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

/**
 * Every document of a request as staff read it: the form's, then her messages' photos. One
 * reading for the request's page, its viewer and the complete PDF.
 */
export function staffDocuments(
	detail: Pick<RequestDetail, 'form' | 'request' | 'messages' | 'pages'>,
	i18n: Pick<Translator, 'pick' | 't' | 'formatDateTime'>
): RequestDocument[] {
	return [
		...requestDocuments(detail.form, answersOf(detail.request.answers), i18n),
		...messageDocuments(detail.messages, detail.pages, (message) =>
			i18n.t('staff.messages.photoOf', { date: i18n.formatDateTime(message.at) })
		)
	];
}
