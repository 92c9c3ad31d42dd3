import { answerWording } from '$lib/appointments/kind-label';
import type { TOptions } from 'i18next';
import type { AppointmentMode } from '$lib/appointments/types';
import { whenInSentence } from '$lib/appointments/format';
import { placeText } from '$lib/appointments/place';
import type { Contact, Localized } from '$lib/catalogue/types';
import { commune } from '$lib/commune';
import { createTranslator } from '$lib/i18n/i18n';
import { NOTICE_TEXTS } from './texts';
import { directionOf, intlLocale, isLanguage, type Language } from '$lib/i18n/languages';
import { COMMUNE_TIME_ZONE } from '$lib/time/commune-time';
import { smsParts } from './channels/sms';
import { nameIssue } from '$lib/forms/plain-text';
import type { NoticeKind } from '../db/schema';
import type { Outgoing } from './channels/channel';

export interface AppointmentFacts {
	reference: string;
	start: string;
	mode: AppointmentMode;
	service: Localized;
	type: Localized;
	bring?: Localized;
	office: Contact;
	/** The number the office calls (a phone appointment), her address (a home visit). */
	phone: string | null;
	address: string | null;
	/** Why the office cancelled it. */
	statusMessage: string | null;
	/**
	 * Booked on a device, not by an agent: its first message says who asked and how to stop, so
	 * it cannot carry the town hall's name to someone who never asked for anything.
	 */
	askedOnDevice: boolean;
}

export interface RequestFacts {
	reference: string;
	service: Localized;
	status: 'received' | 'in_progress' | 'done' | 'refused';
	message: string | null;
	/** A renewal notice: the number in the national system and the date to renew it by. */
	registration?: { number: string; renewBy: string };
	/** A message notice: what the office wrote (kept out of the SMS and the push message). */
	officeMessage?: { kind: string; body: string; documentLabel: string | null };
}

export interface NoticeFacts {
	noticeId: string;
	kind: NoticeKind;
	/** For a reminder sent as the confirmation: 'booked' or 'changed'. */
	wording: string | null;
	language: string;
	personName: string | null;
	appointment?: AppointmentFacts;
	request?: RequestFacts;
	/** Absolute links: the three answers, the page offering them, where to stop, her list. */
	links: {
		coming?: string;
		cannot?: string;
		callback?: string;
		choose?: string;
		stop: string;
		list: string;
	};
}

/**
 * The SMS in one part where it can be (a commune pays per part): the full wording first, else the
 * short one (abbreviated date, the office’s name without its address) when it takes fewer parts.
 */
function shortestSms(write: (short: boolean) => string): string {
	const full = write(false);
	if (smsParts(full).parts === 1) return full;
	const short = write(true);
	return smsParts(short).parts < smsParts(full).parts ? short : full;
}

const shortFormats = new Map<string, Intl.DateTimeFormat>();
/** "lun. 14 déc., 09:00": the date as an SMS can afford it. */
function shortWhen(iso: string, lang: string): string {
	let format = shortFormats.get(lang);
	if (!format) {
		format = new Intl.DateTimeFormat(intlLocale(lang), {
			weekday: 'short',
			day: 'numeric',
			month: 'short',
			hour: '2-digit',
			minute: '2-digit',
			timeZone: COMMUNE_TIME_ZONE
		});
		shortFormats.set(lang, format);
	}
	return format.format(new Date(iso));
}

/** How or where in a few words: the office's name, "Chez vous", "Par téléphone". */
function shortPlace(
	a: AppointmentFacts,
	i18n: { t: (key: string) => string; pick: (v: Localized) => string }
) {
	if (a.mode === 'in_person' && i18n.pick(a.office.name)) return i18n.pick(a.office.name);
	return i18n.t(`booking.mode.${a.mode}`);
}

const escape = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** A confirmation of something booked on a device: what a first message to someone new may be. */
export const introducesItself = (facts: NoticeFacts) =>
	facts.appointment?.askedOnDevice === true &&
	(facts.kind === 'booked' || facts.wording === 'booked');

/** The day a registered request must be renewed by, in her language ("14 décembre 2027"). */
const renewBy = (facts: NoticeFacts) =>
	facts.request?.registration
		? createTranslator(isLanguage(facts.language) ? facts.language : 'fr', NOTICE_TEXTS).formatDate(
				facts.request.registration.renewBy
			)
		: '';

/** The heading line of the message: what happened. */
function lead(facts: NoticeFacts, t: (key: string, o?: TOptions) => string): string {
	const a = facts.appointment;
	switch (facts.kind) {
		case 'reminder':
			return t(
				`notices.lead.reminder${facts.wording === 'changed' ? 'Changed' : facts.wording === 'booked' ? 'Booked' : ''}`
			);
		case 'cancelled':
			return a?.statusMessage
				? t('notices.lead.cancelledByOffice', { reason: a.statusMessage })
				: t('notices.lead.cancelled');
		case 'status':
			return t(`notices.lead.status.${facts.request?.status ?? 'in_progress'}`);
		case 'renewal':
			return t('notices.lead.renewal', { date: renewBy(facts) });
		case 'message':
			return t(
				facts.request?.officeMessage?.kind === 'document'
					? 'notices.lead.messageDocument'
					: facts.request?.officeMessage?.kind === 'question'
						? 'notices.lead.messageQuestion'
						: 'notices.lead.message'
			);
		default:
			return t(`notices.lead.${facts.kind}`);
	}
}

/**
 * One notice in her language, for every channel: the e-mail (plain text and simple HTML, large
 * type, one link a line), the SMS (short: when, where, one link), the push message. The answers
 * of her forms are never in it; the agent's message to her is.
 */
export function composeNotice(
	facts: NoticeFacts,
	to: Outgoing['to'],
	{ firstContact = false } = {}
): Outgoing {
	const lang: Language = isLanguage(facts.language) ? facts.language : 'fr';
	const i18n = createTranslator(lang, NOTICE_TEXTS);
	const t = (key: string, options?: TOptions) => i18n.t(key, options);
	const a = facts.appointment;
	const r = facts.request;
	const phone = a?.office.phone ?? commune.contact.phone;
	// Always inside a sentence: "Rendez-vous confirmé : mardi…", "Quand : mardi…", the SMS.
	const when = a ? whenInSentence(a.start, lang) : '';
	const place = a
		? placeText({ mode: a.mode, office: a.office, phone: a.phone, address: a.address }, i18n)
		: '';
	// A reminder that is her first word of the booking is titled as its confirmation.
	const titled =
		facts.kind === 'reminder' && (facts.wording === 'booked' || facts.wording === 'changed')
			? facts.wording
			: facts.kind;
	const subject = a
		? t(`notices.subject.${titled}`, { when })
		: facts.kind === 'message' || facts.kind === 'renewal'
			? t(`notices.subject.${facts.kind}`, { reference: r?.reference ?? '' })
			: t('notices.subject.status', {
					reference: r?.reference ?? '',
					status: t(`myRequests.status.${r?.status ?? 'in_progress'}`)
				});
	const written = r?.officeMessage;
	const facts_lines: string[] = a
		? [
				t('notices.when', { when }),
				t('notices.what', { service: i18n.pick(a.service), type: i18n.pick(a.type) }),
				place,
				// What to bring, in the catalogue's own words ("Apportez votre carte Vitale.").
				...(a.bring && i18n.pick(a.bring) ? [i18n.pick(a.bring)] : []),
				t('notices.reference', { reference: a.reference })
			]
		: [
				t('notices.request', { service: i18n.pick(r!.service) }),
				t('notices.reference', { reference: r!.reference }),
				...(r?.registration ? [t('notices.registration', { number: r.registration.number })] : []),
				...(written
					? [
							...(written.documentLabel
								? [t('notices.documentAsked', { document: written.documentLabel })]
								: []),
							t('notices.agentMessage', { message: written.body })
						]
					: facts.kind === 'message' || facts.kind === 'renewal'
						? []
						: r?.message
							? [t('notices.agentMessage', { message: r.message })]
							: [])
			];
	// A phone appointment asks whether she will be available, not whether she comes.
	const phoneCall = answerWording(a?.mode);
	const answers =
		facts.kind === 'reminder' && facts.links.coming
			? (['coming', 'cannot', 'callback'] as const).map((answer) => ({
					label: t(`notices.answer.${answer}`, phoneCall),
					href: facts.links[answer]!
				}))
			: [];
	// Her name as she wrote it, if it is only a name (plain-text.ts): never a stranger's message.
	const hello =
		facts.personName && !nameIssue(facts.personName)
			? t('notices.hello', { name: facts.personName.trim() })
			: t('notices.helloNoName');
	// The first message to an address or number the portal never wrote to, about something asked
	// on a device: who asked, and how to stop, so it is no phishing carrier under our name.
	const first = firstContact && introducesItself(facts);
	const whoAsked = first ? t('notices.whoAsked', { link: facts.links.stop }) : null;
	const call = t('notices.call', { phone });
	const signature = i18n.pick(a?.office.name ?? commune.contact.label);
	const text = [
		hello,
		'',
		lead(facts, t),
		'',
		...facts_lines,
		...(whoAsked ? ['', whoAsked] : []),
		...(answers.length
			? ['', t('notices.answerIntro', phoneCall), ...answers.map((x) => `${x.label} : ${x.href}`)]
			: ['', t('notices.see', { link: facts.links.list })]),
		'',
		call,
		'',
		signature,
		'',
		t('notices.stop', { link: facts.links.stop })
	].join('\n');

	const p = (content: string) => `<p style="margin:0 0 16px">${content}</p>`;
	const button = (x: { label: string; href: string }) =>
		`<p style="margin:0 0 16px"><a href="${escape(x.href)}" style="display:inline-block;padding:14px 22px;background:#14336e;color:#ffffff;font-weight:bold;text-decoration:underline;border-radius:6px">${escape(x.label)}</a></p>`;
	const html = `<!doctype html><html lang="${lang}" dir="${directionOf(lang)}"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:20px;line-height:1.5;color:#1a1a1a;background:#ffffff">
${p(escape(hello))}
<h1 style="font-size:26px;line-height:1.3;margin:0 0 16px">${escape(lead(facts, t))}</h1>
<ul style="padding-inline-start:24px;margin:0 0 16px">${facts_lines.map((l) => `<li>${escape(l)}</li>`).join('')}</ul>
${first ? p(`${escape(t('notices.whoAskedHtml'))} <a href="${escape(facts.links.stop)}">${escape(t('notices.stopLink'))}</a>`) : ''}
${answers.length ? p(escape(t('notices.answerIntro', phoneCall))) + answers.map(button).join('\n') : p(`<a href="${escape(facts.links.list)}">${escape(t('notices.seeLink'))}</a>`)}
${p(escape(call))}
${p(escape(signature))}
<p style="margin:24px 0 0;font-size:18px"><a href="${escape(facts.links.stop)}">${escape(t('notices.stopLink'))}</a></p>
</body></html>`;

	const communeName = i18n.pick(commune.name);
	const sms = a
		? shortestSms((short) =>
				t(
					`notices.sms.${facts.kind === 'cancelled' && a.statusMessage ? 'cancelledByOffice' : facts.kind}`,
					{
						commune: communeName,
						when: short ? shortWhen(a.start, lang) : when,
						place: short || a.mode === 'home_visit' ? shortPlace(a, i18n) : place,
						reason: a.statusMessage ?? '',
						link: facts.links.choose ?? facts.links.list,
						phone
					}
				)
			)
		: facts.kind === 'renewal'
			? t('notices.sms.renewal', {
					commune: communeName,
					number: r!.registration?.number ?? r!.reference,
					date: renewBy(facts),
					phone
				})
			: facts.kind === 'message'
				? t('notices.sms.message', {
						commune: communeName,
						reference: r!.reference,
						link: facts.links.list,
						phone
					})
				: t('notices.sms.status', {
						commune: communeName,
						reference: r!.reference,
						status: t(`myRequests.status.${r!.status}`),
						link: facts.links.list,
						phone
					});
	const smsText = first ? `${sms} ${t('notices.sms.whoAsked', { link: facts.links.stop })}` : sms;
	const letter = [
		hello,
		lead(facts, t),
		...facts_lines,
		// On paper the number never breaks across two lines.
		t('notices.letterAnswer', { phone: phone.replace(/ /g, '\u00a0') }),
		signature
	];
	return {
		noticeId: facts.noticeId,
		name: facts.personName,
		letter,
		to,
		language: lang,
		subject,
		text,
		html,
		sms: smsText,
		push: {
			title: subject,
			// Seen on a locked screen: a message's words only once she opens it.
			body: a
				? [when, place].join(' — ')
				: facts.kind === 'message' || facts.kind === 'renewal'
					? lead(facts, t)
					: (r?.message ?? lead(facts, t)),
			url: facts.links.choose ?? facts.links.list,
			lang
		}
	};
}
