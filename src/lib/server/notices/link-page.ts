import type { AppointmentMode } from '$lib/appointments/types';
import type { Contact, Localized } from '$lib/catalogue/types';
import { fromListColumn } from '$lib/notices/choice';
import type { Answer } from '$lib/notices/kinds';
import type { Db } from '../db/open';
import { audit, LINK_ACTOR } from '../journal/audit';
import { answerAppointment } from '../appointments/answer';
import { recipientKey, suppressRecipient } from './budgets';
import { smsDestination } from '$lib/notices/destinations';
import { serviceOf } from './facts';
import { readLink, type LinkPurpose } from './links';
import { noticeKeys } from './secrets';
import { noticeSettings } from './settings';
import { appointmentsWithKind, kindOf } from '../appointments/reads';

/**
 * What the page of a signed link shows. Only what the person needs to recognise it (when, how,
 * which service): no name, address or number, since anyone holding the link sees the page.
 */
export interface LinkPage {
	/** `moved`: an answer's link for a time the appointment no longer has. */
	state: 'invalid' | 'expired' | 'open' | 'cancelled' | 'past' | 'moved';
	purpose?: LinkPurpose;
	appointment?: {
		start: string;
		mode: AppointmentMode;
		service: Localized;
		office: Contact;
		answer: string | null;
	};
	request?: { reference: string; service: Localized };
	/** Notices already stopped (a stop link opened twice). */
	stopped?: boolean;
}

async function claimOf(db: Db, token: string, now: Date) {
	const { linkSecret } = await noticeKeys(db);
	return readLink(linkSecret, token, now);
}

/** Reads, never writes: mail scanners open every link they see. */
export async function linkPage(db: Db, token: string, now = new Date()): Promise<LinkPage> {
	const claim = await claimOf(db, token, now);
	if (typeof claim === 'string') return { state: claim };
	if (claim.purpose === 'stopRequest') {
		const request = await db
			.selectFrom('requests as r')
			.leftJoin('catalogue_services as s', 's.id', 'r.service_id')
			.select(['r.reference', 'r.notify_channels', 's.data as service'])
			.where('r.id', '=', claim.subjectId)
			.executeTakeFirst();
		if (!request) return { state: 'invalid' };
		return {
			state: 'open',
			purpose: claim.purpose,
			request: { reference: request.reference, service: serviceOf(request.service).title },
			stopped: fromListColumn(request.notify_channels).length === 0
		};
	}
	const a = await appointmentsWithKind(db).where('a.id', '=', claim.subjectId).executeTakeFirst();
	// Erased meanwhile: as unknown as a made-up link.
	if (!a) return { state: 'invalid' };
	const service = serviceOf(a.service_data);
	const state =
		a.status === 'cancelled'
			? 'cancelled'
			: Date.parse(a.end_at) <= now.getTime()
				? 'past'
				: 'start' in claim && claim.start.getTime() !== Date.parse(a.start_at)
					? 'moved'
					: 'open';
	return {
		state: claim.purpose === 'stopAppointment' ? 'open' : state,
		purpose: claim.purpose,
		appointment: {
			start: a.start_at,
			mode: kindOf(a).mode,
			service: service.title,
			office: service.contact,
			answer: a.answer
		},
		stopped: fromListColumn(a.notify_channels).length === 0
	};
}

export type LinkDone = Answer | 'stop';

/**
 * The one thing the link allows, on the person's press of its button (a POST). The "choose" link
 * of an SMS allows any of the three answers, and only those.
 */
export async function actOnLink(
	db: Db,
	token: string,
	choice: string | null,
	now = new Date()
): Promise<LinkDone | 'invalid' | 'expired' | 'closed' | 'moved'> {
	const claim = await claimOf(db, token, now);
	if (typeof claim === 'string') return claim;
	if (claim.purpose === 'stopAppointment' || claim.purpose === 'stopRequest') {
		const table = claim.purpose === 'stopAppointment' ? 'appointments' : 'requests';
		const settings = noticeSettings();
		const { recipientSecret } = await noticeKeys(db);
		await db.transaction().execute(async (trx) => {
			const subject = await trx
				.updateTable(table)
				.set({ notify_channels: '', notify_kinds: '' })
				.where('id', '=', claim.subjectId)
				.returning(['person_email', 'person_phone'])
				.executeTakeFirst();
			// The address and the number this was sent to say stop, not only this appointment: a
			// person who never asked for these messages is written to no more, whoever books.
			const mobile = smsDestination(subject?.person_phone, settings.smsCountries);
			const recipients = [
				subject?.person_email ? recipientKey(recipientSecret, 'email', subject.person_email) : null,
				'number' in mobile ? recipientKey(recipientSecret, 'sms', mobile.number) : null
			];
			for (const recipient of recipients) {
				if (recipient) await suppressRecipient(trx, recipient, 'stopLink', now);
			}
			await trx
				.updateTable('notices')
				.set({ status: 'dropped', last_error: 'withdrawn' })
				.where('subject_id', '=', claim.subjectId)
				.where('status', 'in', ['pending', 'awaiting', 'held'])
				.execute();
			await audit(
				trx,
				{
					staffUserId: LINK_ACTOR,
					action: 'notice.stop',
					subjectType: claim.purpose === 'stopAppointment' ? 'appointment' : 'request',
					subjectId: claim.subjectId
				},
				now
			);
		});
		return 'stop';
	}
	if (!('start' in claim)) return 'invalid';
	const answer = (claim.purpose === 'choose' ? choice : claim.purpose) as Answer;
	if (!['coming', 'cannot', 'callback'].includes(answer)) return 'invalid';
	const remindedStart = claim.start.getTime();
	return db.transaction().execute(async (trx) => {
		const outcome = await answerAppointment(
			trx,
			claim.subjectId,
			answer,
			`link-${now.getTime()}`,
			now,
			undefined,
			remindedStart
		);
		if (outcome.status === 'moved') return 'moved';
		if (outcome.status === 'unknown') return 'invalid';
		if (outcome.status !== 'answered') return 'closed';
		await audit(
			trx,
			{
				staffUserId: LINK_ACTOR,
				action: 'notice.answer',
				subjectType: 'appointment',
				subjectId: claim.subjectId,
				detail: answer
			},
			now
		);
		return answer;
	});
}
