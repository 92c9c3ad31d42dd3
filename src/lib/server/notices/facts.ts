import type { Contact, Localized } from '$lib/catalogue/types';
import { fromListColumn } from '$lib/notices/choice';
import { loadLanguage } from '$lib/i18n/i18n';
import { isLanguage } from '$lib/i18n/languages';
import type { Db } from '../db/open';
import type { Notice } from '../db/schema';
import type { Outgoing } from './channels/channel';
import { composeNotice, introducesItself, type NoticeFacts } from './compose';
import { oneLine } from '$lib/forms/plain-text';
import { smsDestination } from '$lib/notices/destinations';
import { signLink, type LinkClaim, type LinkKeyring } from './links';
import type { NoticeSettings } from './settings';
import { decodeService } from '../catalogue/columns';
import { appointmentsWithKind, kindOf } from '../appointments/reads';

const DAY = 86_400_000;

export type Prepared =
	/** `firstContact`: the same message as written to someone the portal never wrote to. */
	| { message: Outgoing; firstContact?: Outgoing; recipient?: string }
	| { drop: string }
	| { fail: string }
	/** Past the day's cap of its channel: kept until an agent releases it. */
	| { hold: string };

interface Setting {
	publicUrl: string;
	linkSecret: LinkKeyring;
	smsCountries: ReadonlySet<string>;
}

/** What preparing notices needs of the sender's settings and keys. */
export const preparing = (from: {
	settings: Pick<NoticeSettings, 'publicUrl' | 'smsCountries'>;
	linkSecret: LinkKeyring;
}): Setting => ({
	publicUrl: from.settings.publicUrl,
	linkSecret: from.linkSecret,
	smsCountries: from.settings.smsCountries
});

/**
 * Each claimed notice with what it says and where it goes, read as things stand now: a notice
 * whose channel she withdrew, or a reminder of a time the appointment no longer has, is dropped.
 */
export async function prepareNotices(
	db: Db,
	notices: Notice[],
	setting: Setting,
	now: Date
): Promise<Map<string, Prepared>> {
	const ids = (type: Notice['subject_type']) => [
		...new Set(notices.filter((n) => n.subject_type === type).map((n) => n.subject_id))
	];
	const appointmentIds = ids('appointment');
	const requestIds = ids('request');
	const [appointments, requests] = await Promise.all([
		appointmentIds.length
			? appointmentsWithKind(db).where('a.id', 'in', appointmentIds).execute()
			: [],
		requestIds.length
			? db
					.selectFrom('requests as r')
					.leftJoin('catalogue_services as s', 's.id', 'r.service_id')
					.selectAll('r')
					.select('s.data as service_data')
					.where('r.id', 'in', requestIds)
					.execute()
			: []
	]);
	// Each status notice's event (its status and the agent's message), in one read for the batch.
	const eventIds = notices.filter((n) => n.kind === 'status').map((n) => n.event);
	const events = eventIds.length
		? await db
				.selectFrom('request_events')
				.select(['id', 'status', 'message'])
				.where('id', 'in', eventIds)
				.execute()
		: [];
	const eventOf = new Map(events.map((e) => [e.id, e]));
	// Each message notice's message, likewise (gone if erased: the notice says no more than that).
	const messageIds = notices.filter((n) => n.kind === 'message').map((n) => n.event);
	const messages = messageIds.length
		? await db
				.selectFrom('request_messages')
				.select(['id', 'kind', 'body', 'document_label'])
				.where('id', 'in', messageIds)
				.execute()
		: [];
	const messageOf = new Map(messages.map((m) => [m.id, m]));
	const devices = [...appointments, ...requests].map((x) => x.device_hash);
	const subscriptions = devices.length
		? await db
				.selectFrom('push_subscriptions')
				.selectAll()
				.where('device_hash', 'in', [...new Set(devices)])
				.execute()
		: [];
	const appointmentOf = new Map(appointments.map((a) => [a.id, a]));
	const requestOf = new Map(requests.map((r) => [r.id, r]));
	const pushOf = new Map(subscriptions.map((s) => [s.device_hash, s]));
	const link = (claim: LinkClaim) =>
		`${setting.publicUrl}/r/${signLink(setting.linkSecret, claim)}`;

	// Each language's texts are fetched once, before the first message written in it.
	await Promise.all(
		[...appointments, ...requests].map((x) =>
			isLanguage(x.language) ? loadLanguage(x.language) : null
		)
	);
	const prepared = new Map<string, Prepared>();
	for (const notice of notices) {
		const subject = appointmentOf.get(notice.subject_id) ?? requestOf.get(notice.subject_id);
		if (!subject) {
			prepared.set(notice.id, { drop: 'erased' });
			continue;
		}
		if (!fromListColumn(subject.notify_channels).includes(notice.channel)) {
			prepared.set(notice.id, { drop: 'withdrawn' });
			continue;
		}
		const service = serviceOf(subject.service_data);
		let facts: Omit<NoticeFacts, 'links'>;
		let links: NoticeFacts['links'];
		const a = appointmentOf.get(notice.subject_id);
		if (a) {
			if (
				notice.kind === 'reminder' &&
				(a.status !== 'booked' ||
					a.start_at !== notice.event ||
					Date.parse(a.start_at) <= now.getTime())
			) {
				prepared.set(notice.id, { drop: 'superseded' });
				continue;
			}
			const type = kindOf(a);
			facts = {
				noticeId: notice.id,
				kind: notice.kind,
				wording: notice.wording,
				language: a.language,
				personName: a.person_name,
				appointment: {
					reference: a.reference,
					start: a.start_at,
					mode: type.mode,
					service: service.title,
					type: type.label,
					bring: type.bring,
					office: service.contact,
					phone: a.person_phone,
					// Joined on one line: a line of hers never passes for a paragraph of the commune's.
					address: a.person_address ? oneLine(a.person_address) : null,
					statusMessage: a.status_message,
					askedOnDevice: !a.helped_by && !a.booked_by
				}
			};
			// Each answer names the time it answers for: moved since, the link does nothing.
			const answer = (purpose: 'coming' | 'cannot' | 'callback' | 'choose') =>
				link({ subjectId: a.id, purpose, start: new Date(a.start_at) });
			links = {
				stop: link({
					subjectId: a.id,
					purpose: 'stopAppointment',
					expiresAt: new Date(Date.parse(a.end_at) + 30 * DAY)
				}),
				list: `${setting.publicUrl}/mes-rendez-vous`,
				...(notice.kind === 'reminder'
					? {
							coming: answer('coming'),
							cannot: answer('cannot'),
							callback: answer('callback'),
							choose: answer('choose')
						}
					: {})
			};
		} else {
			const r = requestOf.get(notice.subject_id)!;
			const event = eventOf.get(notice.event);
			const message = messageOf.get(notice.event);
			facts = {
				noticeId: notice.id,
				kind: notice.kind === 'message' || notice.kind === 'renewal' ? notice.kind : 'status',
				wording: null,
				language: r.language,
				personName: r.person_name,
				request: {
					reference: r.reference,
					service: service.title,
					status: event?.status ?? r.status,
					message: event ? event.message : r.status_message,
					...(notice.kind === 'renewal' && r.registration_number && r.renewal_due_at
						? { registration: { number: r.registration_number, renewBy: r.renewal_due_at } }
						: {}),
					...(message
						? {
								officeMessage: {
									kind: message.kind,
									body: message.body,
									documentLabel: message.document_label
								}
							}
						: {})
				}
			};
			links = {
				stop: link({
					subjectId: r.id,
					purpose: 'stopRequest',
					expiresAt: new Date(now.getTime() + 180 * DAY)
				}),
				list: `${setting.publicUrl}/mes-demandes`
			};
		}
		const to = recipient(notice, subject, pushOf.get(subject.device_hash), setting.smsCountries);
		if (typeof to === 'object' && to && 'refused' in to) {
			// A number abroad outside SMS_COUNTRIES, or not a mobile: never handed to the provider.
			prepared.set(notice.id, { fail: `sms ${to.refused}` });
			continue;
		}
		if (!to) {
			prepared.set(notice.id, { fail: `no ${notice.channel} recipient` });
			continue;
		}
		const whole = { ...facts, links };
		prepared.set(notice.id, {
			message: composeNotice(whole, to),
			...(introducesItself(whole)
				? { firstContact: composeNotice(whole, to, { firstContact: true }) }
				: {})
		});
	}
	return prepared;
}

/** A catalogue service's title and office, or blanks for one removed from the catalogue since. */
/** A subject's service, decoded; one gone from the catalogue since has no name to give. */
export function serviceOf(data: string | null): { title: Localized; contact: Contact } {
	return data ? decodeService(data) : { title: { fr: '' }, contact: { name: { fr: '' } } };
}

function recipient(
	notice: Notice,
	subject: {
		person_email: string | null;
		person_phone: string | null;
		person_address: string | null;
	},
	push: { endpoint: string; p256dh: string; auth: string } | undefined,
	smsCountries: ReadonlySet<string>
): Outgoing['to'] | { refused: string } | null {
	switch (notice.channel) {
		case 'email':
			return subject.person_email || null;
		case 'sms': {
			if (!subject.person_phone) return null;
			const destination = smsDestination(subject.person_phone, smsCountries);
			return 'number' in destination ? destination.number : destination;
		}
		case 'push':
			return push
				? { endpoint: push.endpoint, keys: { p256dh: push.p256dh, auth: push.auth } }
				: null;
		case 'post':
			return subject.person_address || null;
	}
}

/** What the "Envois" page shows of a recipient: enough to recognise, not to read. */
export function maskRecipient(to: Outgoing['to']): string {
	if (typeof to !== 'string') {
		try {
			return new URL(to.endpoint).hostname;
		} catch {
			return 'push';
		}
	}
	const at = to.indexOf('@');
	if (at > 0) return `${to.slice(0, 1)}…@${to.slice(at + 1)}`;
	return `…${to.slice(-2)}`;
}
