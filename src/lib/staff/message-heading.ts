import type { StaffThreadMessage } from '$lib/contract/messages';
import type { Translator } from '$lib/i18n/i18n';

/**
 * Who wrote a message of the thread, when, and what it is, in the staff's words: "Question de
 * Marie Agent, le 7 déc. 2026 à 10:02", "Réponse de la personne, avec l’aide de Paul Agent, …".
 */
export function messageHeading(
	message: StaffThreadMessage,
	i18n: Pick<Translator, 't' | 'formatDateTime'>
): string {
	const date = i18n.formatDateTime(message.at);
	if (message.from === 'office') {
		return i18n.t(`staff.messages.heading.${message.kind}`, {
			name: message.by ?? i18n.t('staff.messages.office'),
			date
		});
	}
	return message.helpedBy
		? i18n.t('staff.messages.heading.answerHelped', { name: message.helpedBy, date })
		: i18n.t('staff.messages.heading.answer', { date });
}
