import * as v from 'valibot';
import { TRANSLATED } from '$lib/i18n/languages';
import { NOTICE_CHANNELS, NOTICE_CHOICES } from '$lib/notices/kinds';

// How she wants to be told, on the wire: the parts every contact carries, her choice in
// "Mes informations", this tablet's push subscription.

/** How she wants to be told (`contact.notify`), of what, and in which language. */
export const notifySchema = v.optional(
	v.pipe(v.array(v.picklist(NOTICE_CHANNELS)), v.maxLength(NOTICE_CHANNELS.length))
);
export const noticeKindsSchema = v.optional(
	v.pipe(v.array(v.picklist(NOTICE_CHOICES)), v.maxLength(NOTICE_CHOICES.length))
);
export const languageSchema = v.optional(v.picklist(TRANSLATED));
export const emailSchema = v.optional(v.pipe(v.string(), v.maxLength(254)));
export const phoneSchema = v.optional(v.pipe(v.string(), v.maxLength(40)));
export const addressSchema = v.optional(v.pipe(v.string(), v.maxLength(300)));

/** A browser's push subscription (PushSubscription.toJSON()): where the push service takes it. */
export const pushSubscriptionSchema = v.object({
	endpoint: v.pipe(v.string(), v.url(), v.maxLength(1000)),
	keys: v.object({
		p256dh: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{80,100}=*$/)),
		auth: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,40}=*$/))
	})
});

export const noticePayloads = {
	// Her choice in "Mes informations": applied at once to what she has booked or asked for.
	'notices.choose': v.strictObject({
		notify: v.pipe(v.array(v.picklist(NOTICE_CHANNELS)), v.maxLength(NOTICE_CHANNELS.length)),
		notices: v.pipe(v.array(v.picklist(NOTICE_CHOICES)), v.maxLength(NOTICE_CHOICES.length)),
		email: emailSchema,
		phone: phoneSchema,
		address: addressSchema,
		language: languageSchema
	}),
	// This tablet accepts notices (a subscription) or no longer does (null).
	'device.push': v.strictObject({ subscription: v.nullable(pushSubscriptionSchema) })
};

/** GET /api/v1/push-key: the key a browser subscribes with. */
export const pushKeySchema = v.object({ publicKey: v.string() });
