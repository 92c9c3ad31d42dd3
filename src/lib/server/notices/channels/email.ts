import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { DeliveryError, type Channel, type Outgoing } from './channel';

/**
 * E-mail through the commune's SMTP server (SMTP_URL). Pooled: a morning's reminders go over a
 * few connections, not one per message. The Message-ID comes from the notice's key, so the rare
 * resend after a crash (handed over, not yet recorded) is the same message to her mail program.
 */
export function emailChannel(settings: { url: string; from: string }): Channel {
	const transport = nodemailer.createTransport({
		url: settings.url,
		pool: true,
		maxConnections: 4
	});
	const domain = /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? 'localhost';
	return {
		async send(message: Outgoing) {
			if (typeof message.to !== 'string') throw new DeliveryError('no e-mail address', true);
			const id = createHash('sha256').update(message.noticeId).digest('hex').slice(0, 32);
			try {
				await transport.sendMail({
					from: settings.from,
					to: message.to,
					subject: message.subject,
					text: message.text,
					html: message.html,
					messageId: `<${id}@${domain}>`,
					headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' }
				});
				return {};
			} catch (error) {
				const code = (error as { responseCode?: number }).responseCode;
				// 5xx: the server refuses for good (no such mailbox); anything else may pass later.
				throw new DeliveryError(
					`SMTP ${code ?? ''} ${(error as Error).message}`.slice(0, 300),
					code !== undefined && code >= 500
				);
			}
		},
		close: () => transport.close()
	};
}
