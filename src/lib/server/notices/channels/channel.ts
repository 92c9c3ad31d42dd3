/** One message, written for every channel; each channel takes its part. */
export interface Outgoing {
	/** The notice's key: the e-mail's Message-ID, the SMS's tag, so a resend is recognisable. */
	noticeId: string;
	/** Where: an e-mail address, a mobile number (33612345678), a push subscription. */
	to: string | PushTarget;
	language: string;
	subject: string;
	text: string;
	html: string;
	sms: string;
	push: { title: string; body: string; url: string; lang: string };
	/** Her name as given, for the letter's address block. */
	name: string | null;
	/** The printed letter's paragraphs: no links on paper, a number to call instead. */
	letter: string[];
}

export interface PushTarget {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

/** What a channel reports once the message is handed over: SMS parts, which the commune pays. */
export interface Delivered {
	parts?: number;
}

/** A message not handed over. A permanent failure (no such address) is not tried again. */
export class DeliveryError extends Error {
	constructor(
		message: string,
		readonly permanent: boolean
	) {
		super(message);
	}
}

export interface Channel {
	send(message: Outgoing): Promise<Delivered>;
	close?(): void;
}
