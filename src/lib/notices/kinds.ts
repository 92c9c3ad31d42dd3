// The words of the wire for notices, apart from the checks of choice.ts: the outbox's schemas need
// these on every page, the phone numbering plan (libphonenumber's metadata) only where she types.

/** How she may be told: her e-mail, her mobile, this tablet, or a letter printed by the office. */
export const NOTICE_CHANNELS = ['email', 'sms', 'push', 'post'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/** What she may be told of: bookings and their changes, reminders, her requests' progress. */
export const NOTICE_CHOICES = ['confirmation', 'reminder', 'status'] as const;
export type NoticeChoice = (typeof NOTICE_CHOICES)[number];

/** Her answers to a reminder. "cannot" cancels the appointment and frees the place. */
export const ANSWERS = ['coming', 'cannot', 'callback'] as const;
export type Answer = (typeof ANSWERS)[number];

/** What the tablet keeps in "Mes informations" and sends with a booking or a request. */
export interface NoticeChoices {
	channels: NoticeChannel[];
	kinds: NoticeChoice[];
}
