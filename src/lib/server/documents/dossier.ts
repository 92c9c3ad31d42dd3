import type { Db } from '../db/open';
import type { StaffIdentity } from '../staff/sessions';
import { requestDetail } from '../requests/detail';
import { dossierPdf, type DossierBlock, type DossierDocument } from './dossier-pdf';
import { answerText } from '$lib/forms/answer-text';
import { answersOf, isDocument } from '$lib/forms/answers';
import type { Answers, FormDefinition } from '$lib/forms/types';
import type { Translator } from '$lib/i18n/i18n';
import { answerSections, type AnswerRow } from '$lib/forms/sections';
import { staffTranslator } from '$lib/staff/translator';
import { messageHeading } from '$lib/staff/message-heading';
import { staffDocuments } from '$lib/documents/request-documents';

/**
 * "Télécharger le dossier complet": the request as the agent reads it (its facts, her answers step
 * by step, each person of her household, its history), then every page of her papers that the
 * town hall still holds. Written in the access journal as a download, not as a reading.
 */
export async function requestDossier(
	db: Db,
	staff: StaffIdentity,
	id: string
): Promise<{ filename: string; bytes: Uint8Array } | null> {
	const detail = await requestDetail(db, staff, id, 'request.dossier');
	if (!detail) return null;
	const i18n = staffTranslator('fr');
	const { request } = detail;
	const held = new Map(detail.pages.map((page) => [page.id, page]));
	const answers = answersOf(request.answers);
	const documents: DossierDocument[] = staffDocuments(detail, i18n).map((document) => ({
		label: document.label,
		pages: document.pages.flatMap((page) => held.get(page.id) ?? [])
	}));
	const facts = (rows: AnswerRow[]) =>
		rows.map(({ field, value }) => {
			const label = i18n.pick(field.label);
			if (!isDocument(value) || value.pages.length === 0) {
				return { label, value: answerText(field, value, i18n) };
			}
			const kept = value.pages.filter((page) => held.has(page.id)).length;
			return {
				label,
				value: i18n.t(kept ? 'staff.documents.atTheEnd' : 'staff.documents.erasedAll', {
					count: value.pages.length
				})
			};
		});
	const blocks: DossierBlock[] = [
		{
			heading: i18n.t('staff.documents.summary'),
			level: 1,
			facts: [
				{
					label: i18n.t('staff.request.person'),
					value: request.personName || i18n.t('staff.inbox.noName')
				},
				{ label: i18n.t('staff.request.form'), value: i18n.pick(detail.form.title) },
				{ label: i18n.t('staff.request.service'), value: detail.serviceTitle },
				{
					label: i18n.t('staff.request.receivedOn'),
					value: i18n.formatDateTime(request.createdAt)
				},
				{ label: i18n.t('staff.request.status'), value: i18n.t(`staff.status.${request.status}`) },
				...(request.helpedBy
					? [{ label: i18n.t('staff.request.helpedBy'), value: request.helpedBy }]
					: []),
				...(request.registration && detail.form.registration
					? [
							{
								label: i18n.pick(detail.form.registration.label),
								value: i18n.t('staff.registration.current', {
									date: i18n.formatDate(request.registration.registeredAt),
									number: request.registration.number
								})
							}
						]
					: [])
			]
		},
		{ heading: i18n.t('staff.request.answers'), level: 1, facts: [] }
	];
	blocks.push(...answerBlocks(detail.form, answers, i18n, facts));
	blocks.push({
		heading: i18n.t('staff.request.history'),
		level: 1,
		facts: detail.events.map((event) => ({
			label: i18n.t('staff.request.event', {
				status: i18n.t(`staff.status.${event.status}`),
				date: i18n.formatDateTime(event.at)
			}),
			value: [
				event.by
					? i18n.t('staff.request.by', { name: event.by })
					: i18n.t('staff.request.bySenior'),
				event.message ?? ''
			]
				.filter(Boolean)
				.join('\n')
		}))
	});
	if (detail.messages.length > 0) {
		blocks.push({
			heading: i18n.t('staff.messages.title'),
			level: 1,
			facts: detail.messages.map((message) => ({
				label: messageHeading(message, i18n),
				value: [
					message.documentLabel
						? i18n.t('staff.messages.documentAsked', { document: message.documentLabel })
						: '',
					message.body,
					message.pages.length
						? i18n.t('staff.messages.photoPages', { count: message.pages.length })
						: ''
				]
					.filter(Boolean)
					.join('\n')
			}))
		});
	}
	const title = i18n.t('staff.request.title', { reference: request.reference });
	const bytes = await dossierPdf(db, i18n, title, blocks, documents);
	return { filename: `dossier-${request.reference}.pdf`, bytes };
}

/**
 * Her answers as the dossier lays them out: by the official form's parts when the form names them
 * (the Cerfa's "1. Votre demande", "2. Vous"…: each part's heading once, its steps under it), each
 * step's questions, each person of a repeated step under that step.
 */
export function answerBlocks(
	form: FormDefinition,
	answers: Answers,
	i18n: Translator,
	facts: (rows: AnswerRow[]) => DossierBlock['facts']
): DossierBlock[] {
	const blocks: DossierBlock[] = [];
	let part: string | undefined;
	for (const section of answerSections(form, answers)) {
		const inPart = section.section ? i18n.pick(section.section) : undefined;
		if (inPart && inPart !== part) blocks.push({ heading: inPart, level: 2, facts: [] });
		part = inPart;
		const level = inPart ? 3 : 2;
		blocks.push({
			heading: i18n.pick(section.title),
			level,
			facts: section.members ? [] : facts(section.rows)
		});
		for (const member of section.members ?? []) {
			blocks.push({
				heading: i18n.pick(member.title),
				level: level === 3 ? 4 : 3,
				facts: facts(member.rows)
			});
		}
	}
	return blocks;
}
