import type { DocumentPage } from '$lib/contract/documents';
import { isDocument } from '$lib/forms/answers';
import type { OutboxItem } from '$lib/offline/outbox-types';

/**
 * Every page her answers name, with its answer's place as the server names it ("avis-impot",
 * "foyer.1.piece": a person of a block counted from 0): what must reach the town hall before
 * the request can. On the server, read from answers validated against the form (only a document
 * question's answer has pages); on the tablet, from a queued request's answers.
 */
export function pagesNamed(
	answers: Record<string, unknown>
): { field: string; page: DocumentPage }[] {
	const found: { field: string; page: DocumentPage }[] = [];
	for (const [name, value] of Object.entries(answers)) {
		if (isDocument(value)) found.push(...value.pages.map((page) => ({ field: name, page })));
		if (!Array.isArray(value)) continue;
		value.forEach((member, index) => {
			if (typeof member !== 'object' || member === null) return;
			for (const [question, answer] of Object.entries(member as Record<string, unknown>)) {
				if (isDocument(answer)) {
					found.push(
						...answer.pages.map((page) => ({ field: `${name}.${index}.${question}`, page }))
					);
				}
			}
		});
	}
	return found;
}

/**
 * The pages a queued item carries, each with the place the server names in a refusal: a
 * request's answers ("answers.avis-impot"), or the photo of her answer to the office.
 */
export function itemPages(item: OutboxItem): { field: string; page: DocumentPage }[] {
	if (item.type === 'request.submit') {
		return pagesNamed(item.payload.answers).map(({ field, page }) => ({
			field: `answers.${field}`,
			page
		}));
	}
	if (item.type === 'message.reply') {
		return (item.payload.document?.pages ?? []).map((page) => ({
			field: 'payload.document',
			page
		}));
	}
	return [];
}
