/** Whether a kind's label already says how it takes place ("Par téléphone" for a phone call). */
export function saysMode(label: string, mode: string): boolean {
	const same = (a: string) => a.trim().toLocaleLowerCase();
	return same(label).includes(same(mode));
}

/**
 * An appointment's kind as the office reads it (or she does): its label, then how it takes
 * place when the label does not already say so ("Par téléphone", not "Par téléphone (Par
 * téléphone)").
 */
export function kindLabel(label: string, mode: string): string {
	return saysMode(label, mode) ? label : `${label} (${mode})`;
}

/**
 * How her answer to an appointment is worded: a phone call asks whether she will be available,
 * not whether she comes (i18next's context: the `_phone` keys, else the general words).
 */
export const answerWording = (mode: string | undefined) => ({
	context: mode === 'phone' ? 'phone' : undefined
});
