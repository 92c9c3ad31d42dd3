import { pagesProgress } from '$lib/documents/sending-state';
import type { PortalDatabase } from '$lib/offline/db';
import { threadSummaries } from '$lib/messages/my-messages';

/** Renewal is offered from two months before its date (her reminder comes one month before). */
const RENEWAL_WINDOW_MS = 61 * 86_400_000;
const renewalDue = (renewBy: string | undefined, now: number) =>
	renewBy !== undefined && Date.parse(renewBy) - now < RENEWAL_WINDOW_MS;

/**
 * "Mes demandes" as the tablet knows it (offline too): what waits to be sent, what the town hall
 * refused to take, and what was sent — the server's record when there is one (its status moves
 * on), else the tablet's note of the sending. Newest first.
 */
export async function myRequests(db: PortalDatabase, now = Date.now()) {
	const [outbox, records, threads] = await Promise.all([
		db.outbox.where('type').equals('request.submit').reverse().sortBy('createdAt'),
		db.records.where('kind').equals('request').toArray(),
		threadSummaries(db)
	]);
	const byId = new Map(records.map((r) => [r.id, r]));
	const sentHere = outbox.filter((i) => i.status === 'sent');
	// The forms an application can be taken up again from ("Signaler un changement de situation").
	const formIds = [
		...new Set(sentHere.flatMap((i) => (i.type === 'request.submit' ? [i.payload.formId] : [])))
	];
	const reopenable = new Set(
		(await db.forms.bulkGet(formIds)).flatMap((f) => (f?.registration?.reopen ? [f.id] : []))
	);
	const fromDevice = sentHere.map((i) => ({
		id: i.id,
		label: i.label,
		labelLang: i.labelLang,
		reference: i.reference ?? '',
		status: byId.get(i.id)?.status ?? 'received',
		message: byId.get(i.id)?.statusMessage ?? null,
		at: i.createdAt,
		// This tablet keeps what she sent: she can re-read it.
		onDevice: true,
		thread: threads.get(i.id) ?? null,
		registration: byId.get(i.id)?.registration ?? null,
		reopen: i.type === 'request.submit' && reopenable.has(i.payload.formId),
		renewalDue: renewalDue(byId.get(i.id)?.registration?.renewBy, now)
	}));
	const known = new Set(fromDevice.map((r) => r.id));
	const onlyServer = records
		.filter((r) => !known.has(r.id))
		.map((r) => ({
			id: r.id,
			label: r.reference,
			labelLang: undefined,
			reference: r.reference,
			status: r.status,
			message: r.statusMessage ?? null,
			at: r.createdAt ?? r.updatedAt,
			onDevice: false,
			thread: threads.get(r.id) ?? null,
			registration: r.registration ?? null,
			reopen: false,
			renewalDue: false
		}));
	return {
		// Each with where its papers stand ("Envoi de vos documents : 40 %"), read live.
		pending: await Promise.all(
			outbox
				.filter((i) => i.status === 'pending')
				.map(async (item) => ({
					...item,
					documents:
						item.type === 'request.submit' ? await pagesProgress(db, item.payload.answers) : null
				}))
		),
		attention: outbox.filter((i) => i.status === 'rejected'),
		sent: [...fromDevice, ...onlyServer].sort((a, b) => b.at.localeCompare(a.at))
	};
}

/** Her unfinished requests, newest first, each with its form when the tablet has it. */
export async function myDrafts(db: PortalDatabase) {
	const [all, forms] = await Promise.all([
		db.drafts.orderBy('updatedAt').reverse().toArray(),
		db.forms.toArray()
	]);
	return all.map((draft) => ({ draft, form: forms.find((f) => f.id === draft.formId) }));
}
