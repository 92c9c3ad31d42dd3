import type { Language } from '$lib/i18n/languages';
import { requestContact } from '$lib/notices/choice';
import { portalDb } from '$lib/offline/db';
import { enqueue } from '$lib/offline/outbox';
import { flushNow } from '$lib/offline/sync-engine';
import { deleteDraft } from './device-forms';
import type { Answers, FormDefinition, ProfileField } from './types';
import { saveProfile } from '$lib/settings/profile';

export interface Sending {
	form: FormDefinition;
	answers: Answers;
	/** Sent with an agent beside her, who ticked her consent. */
	assisted: boolean;
	language: Language;
	label: { text: string; lang: string | undefined };
	/** Her answers to keep in "Mes informations" (she asked), so the next form offers them. */
	remember?: Partial<Record<ProfileField, string>>;
}

/**
 * Sends her request: into the outbox with how she asked to be told of its progress ("Mes
 * informations", if she did), her draft dropped, sent at once when online (otherwise it waits,
 * and the next page says so). Returns the outbox item the next page follows.
 */
export async function sendRequest(s: Sending): Promise<string> {
	const db = portalDb();
	const profile = await db.profile.get('me');
	if (s.remember) await saveProfile({ ...profile, ...s.remember });
	const contact = requestContact(profile, s.language);
	const item = await enqueue(
		db,
		'request.submit',
		{
			formId: s.form.id,
			formVersion: s.form.version,
			answers: s.answers,
			...(contact ? { contact } : {}),
			...(s.assisted ? { assisted: { consent: true as const } } : {})
		},
		s.label
	);
	await deleteDraft(s.form.id);
	void flushNow();
	return item.id;
}
