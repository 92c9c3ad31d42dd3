import { API, answerOf } from '$lib/contract/client';
import { pushKeySchema } from '$lib/contract/notices';
import * as v from 'valibot';
import { pushSubscriptionSchema } from '$lib/contract/notices';
import { portalDb } from '$lib/offline/db';
import { enqueue } from '$lib/offline/outbox';

/** Whether this browser can show the portal's notices at all (push, notifications, a worker). */
export function pushSupported(): boolean {
	return (
		typeof window !== 'undefined' &&
		'serviceWorker' in navigator &&
		'PushManager' in window &&
		'Notification' in window
	);
}

export type PushOutcome = 'subscribed' | 'denied' | 'unsupported' | 'offline';

/** What she is told when this tablet could not subscribe. */
export const PUSH_REFUSAL = {
	denied: 'noticesChoice.pushDenied',
	unsupported: 'noticesChoice.pushUnsupported',
	offline: 'noticesChoice.pushOffline'
} as const;

/**
 * Asks her browser for permission and a subscription, and queues it for the town hall (the outbox
 * sends it, once). A subscription needs the push service, so it cannot be made offline.
 */
export async function subscribeThisTablet(label: string): Promise<PushOutcome> {
	if (!pushSupported()) return 'unsupported';
	const permission = await Notification.requestPermission();
	if (permission !== 'granted') return 'denied';
	try {
		const registration = await navigator.serviceWorker.ready;
		let subscription = await registration.pushManager.getSubscription();
		if (!subscription) {
			const { publicKey } = await answerOf(await fetch(API.pushKey), pushKeySchema);
			subscription = await registration.pushManager.subscribe({
				userVisibleOnly: true,
				applicationServerKey: publicKey
			});
		}
		// The browser's own description, checked against the contract (its keys are optional there).
		const json = v.parse(pushSubscriptionSchema, subscription.toJSON());
		await enqueue(portalDb(), 'device.push', { subscription: json }, label);
		return 'subscribed';
	} catch {
		return navigator.onLine ? 'unsupported' : 'offline';
	}
}

/**
 * This tablet's notifications as her box says: subscribed when ticked (kept if it already is),
 * withdrawn when not. Answers why it could not subscribe, so the page can untick and say so.
 */
export async function followPushChoice(
	wanted: boolean,
	label: string
): Promise<PushOutcome | 'off'> {
	const registration = pushSupported()
		? await navigator.serviceWorker.getRegistration()
		: undefined;
	const subscribed = Boolean(await registration?.pushManager.getSubscription());
	if (!wanted) {
		if (subscribed) await unsubscribeThisTablet(label);
		return 'off';
	}
	return subscribed ? 'subscribed' : subscribeThisTablet(label);
}

/** Stops the notices on this tablet: the browser's subscription, and the town hall's copy. */
export async function unsubscribeThisTablet(label: string): Promise<void> {
	if (pushSupported()) {
		const registration = await navigator.serviceWorker.getRegistration();
		await (await registration?.pushManager.getSubscription())?.unsubscribe();
	}
	await enqueue(portalDb(), 'device.push', { subscription: null }, label);
}
