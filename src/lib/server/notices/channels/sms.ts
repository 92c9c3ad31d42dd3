import { SegmentedMessage } from 'sms-segments-calculator';
import { DeliveryError, type Channel, type Outgoing } from './channel';

// What French text has that the GSM alphabet lacks, with the letter a phone shows instead: one
// "ê" would otherwise send the whole text as UCS-2, 70 characters a part instead of 160.
const GSM_STAND_INS: Record<string, string> = {
	'’': "'",
	'‘': "'",
	'«': '"',
	'»': '"',
	'“': '"',
	'”': '"',
	'–': '-',
	'—': '-',
	'…': '...',
	'\u00a0': ' ',
	'\u202f': ' ',
	'\u2068': '',
	'\u2069': '',
	â: 'a',
	ê: 'e',
	ë: 'e',
	î: 'i',
	ï: 'i',
	ô: 'o',
	û: 'u',
	ç: 'c',
	œ: 'oe',
	Â: 'A',
	Ê: 'E',
	Î: 'I',
	Ô: 'O',
	Û: 'U',
	Œ: 'OE',
	À: 'A',
	È: 'E'
};

/**
 * The text as sent, and its parts: within the GSM alphabet when stand-ins get it there (160
 * characters a part, 153 once split), else as written (Arabic: UCS-2, 70 and 67).
 */
export function smsParts(text: string): { content: string; parts: number; unicode: boolean } {
	const standIn = [...text].map((c) => GSM_STAND_INS[c] ?? c).join('');
	const gsm = new SegmentedMessage(standIn, 'auto');
	if (gsm.encodingName === 'GSM-7') {
		return { content: standIn, parts: gsm.segmentsCount, unicode: false };
	}
	const plain = text.replace(/[\u2068\u2069]/g, '');
	return {
		content: plain,
		parts: new SegmentedMessage(plain, 'auto').segmentsCount,
		unicode: true
	};
}

/**
 * SMS through Brevo's transactional SMS API (a French provider, Paris): POST
 * /v3/transactionalSMS/sms with the `api-key` header, the recipient in international form
 * without "+". Its answer says how many parts it billed (`smsCount`); the count made here is
 * kept when it does not.
 */
export function smsChannel(settings: { url: string; key: string; sender: string }): Channel {
	return {
		async send(message: Outgoing) {
			if (typeof message.to !== 'string') throw new DeliveryError('no mobile number', true);
			const { content, parts, unicode } = smsParts(message.sms);
			let response: Response;
			try {
				response = await fetch(settings.url, {
					method: 'POST',
					headers: {
						'api-key': settings.key,
						accept: 'application/json',
						'content-type': 'application/json'
					},
					body: JSON.stringify({
						type: 'transactional',
						sender: settings.sender,
						recipient: message.to,
						content,
						unicodeEnabled: unicode,
						tag: 'portail-seniors'
					}),
					signal: AbortSignal.timeout(15_000)
				});
			} catch (error) {
				throw new DeliveryError(`SMS provider unreachable: ${(error as Error).message}`, false);
			}
			const body = (await response.json().catch(() => ({}))) as {
				smsCount?: number;
				message?: string;
				code?: string;
			};
			if (!response.ok) {
				// 400: this message will never pass (a number the provider refuses); 401, 402 (no
				// credit), 429 and 5xx: the commune's account or the provider, later.
				throw new DeliveryError(
					`SMS ${response.status} ${body.code ?? ''} ${body.message ?? ''}`.trim().slice(0, 300),
					response.status === 400
				);
			}
			return { parts: typeof body.smsCount === 'number' ? body.smsCount : parts };
		}
	};
}
