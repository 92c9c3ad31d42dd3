import { error } from '@sveltejs/kit';
import { CALL_US_CODES } from '$lib/contract/outbox';
import { portalDb } from '$lib/offline/db';
import { live } from '$lib/offline/live.svelte';
import { markSeen } from '$lib/offline/outbox';
import { allFields, answersOf } from './answers';

/** A request waiting on this tablet with her questions' wording, or a 404 when there is none. */
export async function requestSendingOr404(id: string) {
	const db = portalDb();
	const item = await db.outbox.get(id);
	if (!item || item.type !== 'request.submit') error(404, 'errors.sendingNotFound');
	// Her questions' wording, so that a refusal can say which answer to correct.
	const form = await db.forms.get(item.payload.formId);
	return { item, form, fields: form ? allFields(form) : [] };
}

/**
 * A request's sending as the tablet knows it, kept current (it changes by itself when it leaves
 * the device or is answered), with what the town hall refused. Call it during a component's
 * initialisation.
 */
export function requestSending(id: () => string) {
	const db = portalDb();
	const itemQuery = live(id, (key) => db.outbox.get(key));
	const item = $derived(itemQuery.current);
	const payload = $derived(item?.type === 'request.submit' ? item.payload : undefined);
	// Its refusal, shown here, is seen: the "à revoir" banner stops asking about it.
	$effect(() => {
		if (item && (item.status === 'rejected' || item.status === 'conflict') && !item.seenAt) {
			void markSeen(db, [item.id]);
		}
	});
	// Where it stands at the town hall: its record once the tablet has it (status, the office's
	// messages, each step), and the service's usual time to answer.
	const recordQuery = live(id, (key) => db.records.get(key));
	const record = $derived(
		recordQuery.current?.kind === 'request' ? recordQuery.current : undefined
	);
	const serviceQuery = live(
		() => record?.serviceId,
		(key) => (key ? db.services.get(key) : undefined)
	);
	const progress = $derived.by(() => {
		if (item?.status !== 'sent') return undefined;
		const history = record?.history?.length
			? record.history
			: [{ status: 'received', message: null, at: item.createdAt }];
		const status = record?.status ?? 'received';
		return {
			status,
			// Said while she waits for an answer, not once it came.
			answerDays:
				status === 'received' || status === 'in_progress'
					? serviceQuery.current?.answerDays
					: undefined,
			// Newest first: what she looks for is what happened last.
			history: [...history].reverse()
		};
	});
	// Nothing she can correct: a quota or a sending too long is solved by phone.
	const callUs = $derived((item?.errors ?? []).some((e) => CALL_US_CODES.includes(e.code)));
	// The server names an answer by its place in what was sent ("answers.telephone").
	const refusals = $derived(
		(item?.errors ?? []).map((e) => ({ ...e, field: e.field.replace(/^answers\./, '') }))
	);
	return {
		get item() {
			return item;
		},
		get payload() {
			return payload;
		},
		get callUs() {
			return callUs;
		},
		get refusals() {
			return refusals;
		},
		get progress() {
			return progress;
		},
		/**
		 * Turns the refused sending back into a draft to correct, in one transaction (never both,
		 * never neither). The corrected request will be a new sending, with a new identifier. The
		 * form's id, to go to its last step.
		 */
		async correct(): Promise<string | undefined> {
			const refused = payload;
			if (!refused) return undefined;
			await db.transaction('rw', db.drafts, db.outbox, async () => {
				await db.drafts.put({
					formId: refused.formId,
					answers: answersOf(refused.answers),
					step: 1,
					// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp for storage, not state
					updatedAt: new Date().toISOString()
				});
				await db.outbox.delete(id());
			});
			return refused.formId;
		}
	};
}
