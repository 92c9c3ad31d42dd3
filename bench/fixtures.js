// What the benchmarks send: a callback request ("Être rappelé par un conseiller"), numbered.
import { randomUUID } from 'node:crypto';

/** @param {number} i */
export const callbackSubmission = (i) => ({
	formId: 'rappel-conseiller',
	formVersion: 1,
	answers: { nom: `Personne ${i}`, telephone: '06 12 34 56 78', moment: 'matin', question: 'Banc' }
});

/** The outbox mutation carrying it, with a new id. @param {number} i */
export const callbackMutation = (i) => ({
	id: randomUUID(),
	type: 'request.submit',
	createdAt: new Date().toISOString(),
	payload: callbackSubmission(i)
});
