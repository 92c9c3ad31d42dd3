/**
 * An appointment's kind as the office reads it: its label, then how it takes place when the label
 * does not already say so ("Par téléphone", not "Par téléphone (Par téléphone)").
 */
export function kindLabel(label: string, mode: string): string {
	const same = (a: string) => a.trim().toLocaleLowerCase('fr');
	return same(label) === same(mode) || same(label).includes(same(mode))
		? label
		: `${label} (${mode})`;
}
