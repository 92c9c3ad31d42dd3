import type { PortalDatabase } from '$lib/offline/db';
import { isDocument } from './answers';
import { rulesOf } from './conditions';
import type { Answer, Answers } from './types';

export type ReopenKind = 'change' | 'renewal';

/** Her answers without her papers: their pages left the tablet once the town hall had them. */
function withoutPapers(answers: Answers): Answers {
	const keep = (entries: [string, unknown][]) =>
		Object.fromEntries(entries.filter(([, value]) => !isDocument(value)));
	return Object.fromEntries(
		Object.entries(answers)
			.filter(([, value]) => !isDocument(value))
			.map(([name, value]): [string, Answer] => [
				name,
				Array.isArray(value) && value.some((m) => typeof m === 'object' && m !== null)
					? ((value as Record<string, unknown>[]).map((member) =>
							keep(Object.entries(member))
						) as Answer)
					: value
			])
	);
}

/**
 * "Signaler un changement de situation" / "Renouveler ma demande": her application sent from
 * this tablet, taken up again as a new draft — the kind of application and its number set, her
 * other answers as she gave them, so the form asks only what the change concerns. A draft of
 * that form she already started is never overwritten: she is taken back to it. Returns where
 * to go, or null when the request cannot be reopened here.
 */
export async function reopenRequest(
	db: PortalDatabase,
	requestId: string,
	kind: ReopenKind
): Promise<string | null> {
	return db.transaction('rw', db.outbox, db.forms, db.records, db.drafts, async () => {
		const item = await db.outbox.get(requestId);
		if (item?.type !== 'request.submit') return null;
		const { formId, answers } = item.payload;
		const [form, record, started] = await Promise.all([
			db.forms.get(formId),
			db.records.get(requestId),
			db.drafts.get(formId)
		]);
		const reopen = form?.registration?.reopen;
		if (!reopen) return null;
		if (started) return `/demandes/${formId}/etape/${started.step}`;
		const number = record?.registration?.number;
		// What she said of the last change ("Qu'est-ce qui a changé ?") is asked afresh: every
		// question shown by the kind of application, the number aside.
		const byKind = form.steps
			.flatMap((step) => step.fields)
			.filter((f) => f.showIf && rulesOf(f.showIf).some((rule) => rule.field === reopen.field))
			.map((f) => f.name)
			.filter((name) => name !== reopen.number);
		const kept = withoutPapers(answers as Answers);
		for (const name of byKind) delete kept[name];
		await db.drafts.put({
			formId,
			answers: {
				...kept,
				[reopen.field]: kind === 'change' ? reopen.change : reopen.renewal,
				...(number ? { [reopen.number]: number } : {})
			},
			step: 1,
			updatedAt: new Date().toISOString()
		});
		return `/demandes/${formId}/etape/1`;
	});
}
