import type { FormField } from '$lib/forms/types';
import { NOTICE_CHANNELS, NOTICE_CHOICES, type NoticeChannel } from './kinds';

/**
 * "How do you want to be told?" as a form question, so it is drawn, checked and read aloud like
 * every other. `offered` leaves out what this device cannot do (a notification on a browser
 * without push); the server checks against every channel.
 */
export function notifyField(
	t: (key: string) => string,
	offered: readonly NoticeChannel[] = NOTICE_CHANNELS
): FormField {
	return {
		name: 'notify',
		type: 'checkbox',
		label: { fr: t('noticesChoice.channels') },
		hint: { fr: t('noticesChoice.channelsHint') },
		required: false,
		options: NOTICE_CHANNELS.filter((c) => offered.includes(c)).map((channel) => ({
			value: channel,
			label: { fr: t(`noticesChoice.channel.${channel}`) }
		}))
	};
}

/** "Which messages?": confirmations, reminders, news of requests. */
export function noticesField(t: (key: string) => string): FormField {
	return {
		name: 'notices',
		type: 'checkbox',
		label: { fr: t('noticesChoice.kinds') },
		required: false,
		options: NOTICE_CHOICES.map((kind) => ({
			value: kind,
			label: { fr: t(`noticesChoice.kind.${kind}`) }
		}))
	};
}
