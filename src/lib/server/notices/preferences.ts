import { channelIssues, listColumn } from '$lib/notices/choice';
import type { Payload } from '$lib/contract/outbox';
import { isAllowedPushEndpoint } from './channels/push';
import { noticeSettings } from './settings';
import { smsDestination } from '$lib/notices/destinations';
import { nextAppointmentVersions } from '../appointments/rows';
import { fieldError, rejected, type MutationContext, type Outcome } from '../command';
import { nextRequestVersions } from '../requests/rows';

/**
 * Her choice in "Mes informations", applied at once to what is still to come: appointments not
 * yet passed, requests still open. Withdrawing every channel stops every notice not sent yet.
 */
export async function chooseNotices(
	{ trx, deviceHash, now }: MutationContext,
	payload: Payload<'notices.choose'>
): Promise<Outcome> {
	const unreachable = channelIssues(payload.notify, payload);
	if (unreachable.length > 0) {
		return rejected(...unreachable.map((i) => fieldError(i.field, i.code)));
	}
	if (payload.notify.includes('sms')) {
		const destination = smsDestination(payload.phone, noticeSettings().smsCountries);
		if ('refused' in destination) {
			const code = destination.refused === 'country' ? 'smsCountryRefused' : 'mobileNeeded';
			return rejected(fieldError('phone', code));
		}
	}
	const choice = {
		notify_channels: listColumn(payload.notify),
		notify_kinds: listColumn(payload.notify.length ? payload.notices : []),
		...(payload.language ? { language: payload.language } : {})
	};
	const email = payload.email?.trim() || null;
	const upcoming = await trx
		.selectFrom('appointments')
		.select('id')
		.where('device_hash', '=', deviceHash)
		.where('status', '=', 'booked')
		.where('end_at', '>', now.toISOString())
		.execute();
	if (upcoming.length > 0) {
		let version = await nextAppointmentVersions(trx, upcoming.length);
		for (const { id } of upcoming) {
			await trx
				.updateTable('appointments')
				// Her e-mail follows her choice; the number the office calls is the booking's own.
				.set({ ...choice, ...(email ? { person_email: email } : {}), version: version++ })
				.where('id', '=', id)
				.execute();
		}
	}
	const open = await trx
		.selectFrom('requests')
		.select('id')
		.where('device_hash', '=', deviceHash)
		.where('status', 'in', ['received', 'in_progress'])
		.execute();
	if (open.length > 0) {
		let version = await nextRequestVersions(trx, open.length);
		for (const { id } of open) {
			await trx
				.updateTable('requests')
				.set({
					...choice,
					person_email: email,
					person_phone: payload.phone?.trim() || null,
					person_address: payload.address?.trim() || null,
					version: version++
				})
				.where('id', '=', id)
				.execute();
		}
	}
	return { status: 'applied' };
}

/** This tablet accepts notices (its push subscription), or stops (null). */
export async function setPushSubscription(
	{ trx, deviceHash, now }: MutationContext,
	payload: Payload<'device.push'>
): Promise<Outcome> {
	const subscription = payload.subscription;
	if (!subscription) {
		await trx.deleteFrom('push_subscriptions').where('device_hash', '=', deviceHash).execute();
		return { status: 'applied' };
	}
	if (!isAllowedPushEndpoint(subscription.endpoint, noticeSettings().pushHosts)) {
		return rejected(fieldError('payload.subscription.endpoint', 'pushServiceRefused'));
	}
	const row = {
		endpoint: subscription.endpoint,
		p256dh: subscription.keys.p256dh,
		auth: subscription.keys.auth,
		created_at: now.toISOString()
	};
	await trx
		.insertInto('push_subscriptions')
		.values({ device_hash: deviceHash, ...row })
		.onConflict((oc) => oc.column('device_hash').doUpdateSet(row))
		.execute();
	return { status: 'applied' };
}
