import { personNameOf, searchKey } from '$lib/forms/person-name';
import { validateAnswers } from '$lib/forms/validate';
import { pagesNamed } from '$lib/documents/in-answers';
import { claimPages, missingPages } from '../documents/claim';
import type { Payload } from '$lib/contract/outbox';
import { nextRequestVersions } from './rows';
import { serverConfig } from '../config';
import { countToday } from '../quotas';
import { smsDestination } from '$lib/notices/destinations';
import { noticeSettings } from '../notices/settings';
import { uniqueReference } from '../db/references';
import { communeDay } from '$lib/time/commune-time';
import { fieldError, rejected, type MutationContext, type Outcome } from '../command';
import { channelIssues, listColumn } from '$lib/notices/choice';

/** A request is checked against the very version of the form the person filled in. */
export async function submitRequest(
	{ trx, deviceHash, actor, mutation, now, formVersion }: MutationContext,
	payload: Payload<'request.submit'>
): Promise<Outcome> {
	const form = await formVersion(trx, payload.formId, payload.formVersion);
	if (!form) return rejected(fieldError('formVersion', 'unknownForm'));
	const { issues, output } = validateAnswers(form, payload.answers, communeDay(now));
	if (!output)
		return rejected(...issues.map((i) => fieldError(`answers.${i.field}`, i.code, i.count)));
	// A request is applied only with every page it names arrived whole and checked (the tablet
	// sends its pages first, then the request); otherwise nothing is written, and she is told.
	const pages = pagesNamed(output);
	const missing = await missingPages(trx, deviceHash, mutation.id, pages);
	if (missing.length > 0) {
		return rejected(...missing.map((f) => fieldError(`answers.${f}`, 'documentNotReceived')));
	}
	// Told of its progress only if she asked, and only with what that needs.
	const contact = payload.contact;
	// A number the commune may not text (SMS_COUNTRIES) loses its SMS, never the request.
	const channels = (contact?.notify ?? []).filter(
		(c) => c !== 'sms' || 'number' in smsDestination(contact?.phone, noticeSettings().smsCountries)
	);
	const unreachable = channelIssues(channels, contact ?? {});
	if (unreachable.length > 0) {
		return rejected(...unreachable.map((i) => fieldError(`contact.${i.field}`, i.code)));
	}
	// Counted once its answers are right: a request she must correct does not use her day's quota.
	const sentToday = await countToday(trx, 'submit', deviceHash, now);
	// Quotas bound anonymous devices; an agent at his own desk sends for many people.
	if (sentToday > serverConfig.quotas.requestsPerDay && actor?.mode !== 'staff') {
		return rejected(fieldError('quota', 'quotaRequests'));
	}

	const reference = await uniqueReference(trx, 'requests', 'D');
	const stamp = now.toISOString();
	const personName = personNameOf(form, output);
	await trx
		.insertInto('requests')
		.values({
			id: mutation.id,
			reference,
			device_hash: deviceHash,
			form_id: form.id,
			form_version: form.version,
			service_id: form.serviceId,
			answers: JSON.stringify(output),
			status: 'received',
			status_message: null,
			created_at: stamp,
			updated_at: stamp,
			version: await nextRequestVersions(trx),
			person_name: personName,
			person_key: searchKey(personName),
			...(channels.length > 0
				? {
						person_email: contact?.email?.trim() || null,
						person_phone: contact?.phone?.trim() || null,
						person_address: contact?.address?.trim() || null,
						notify_channels: listColumn(channels),
						notify_kinds: listColumn(contact?.notices ?? ['status'])
					}
				: {}),
			language: contact?.language ?? 'fr',
			// Sent with an agent beside her (assisted mode, with her consent): who helped is kept.
			// Her own sending, even while a session lingers on the tablet, names nobody.
			helped_by: payload.assisted && actor ? actor.id : null
		})
		.execute();
	await claimPages(trx, deviceHash, mutation.id, pages);
	await trx
		.insertInto('request_events')
		.values({
			id: mutation.id,
			request_id: mutation.id,
			status: 'received',
			message: null,
			staff_user_id: payload.assisted && actor ? actor.id : null,
			at: stamp
		})
		.execute();
	return { status: 'applied', reference, recordId: mutation.id };
}
