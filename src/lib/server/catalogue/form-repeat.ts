import type { RepeatGroup } from '$lib/forms/types';
import type { RepeatInput } from './form-edit';

// "Poser cette étape pour chaque personne": the office's small form for a repeated block, read
// and checked here, its boxes named as the page names them.

export interface RepeatValues {
	repeat: boolean;
	itemTitle: string;
	addLabel: string;
	min: string;
	max: string;
}

/** What the office's form shows: the block as it is, or what a new one starts with. */
export function repeatValues(repeat: RepeatGroup | undefined): RepeatValues {
	return {
		repeat: Boolean(repeat),
		itemTitle: repeat?.itemTitle.fr ?? 'Personne',
		addLabel: repeat?.addLabel.fr ?? 'Ajouter une personne',
		min: String(repeat?.min ?? 0),
		max: String(repeat?.max ?? 6)
	};
}

const COUNT = /^\d{1,2}$/;

/** The block as typed, or which boxes are wrong (each named as its box, for the error summary). */
export function repeatFromInput(raw: Record<string, string>): {
	repeat: RepeatInput;
	errors: string[];
	values: RepeatValues;
} {
	const values: RepeatValues = {
		repeat: raw.repeat === 'on',
		itemTitle: (raw.itemTitle ?? '').trim(),
		addLabel: (raw.addLabel ?? '').trim(),
		min: (raw.min ?? '').trim(),
		max: (raw.max ?? '').trim()
	};
	if (!values.repeat) return { repeat: null, errors: [], values };
	const errors: string[] = [];
	if (values.itemTitle.length < 2 || values.itemTitle.length > 40) errors.push('itemTitle');
	if (values.addLabel.length < 2 || values.addLabel.length > 60) errors.push('addLabel');
	const min = COUNT.test(values.min) ? Number(values.min) : NaN;
	const max = COUNT.test(values.max) ? Number(values.max) : NaN;
	if (!(min >= 0 && min <= 20)) errors.push('min');
	if (!(max >= 1 && max <= 20)) errors.push('max');
	else if (min > max) errors.push('max');
	if (errors.length) return { repeat: null, errors, values };
	return {
		repeat: { itemTitle: { fr: values.itemTitle }, addLabel: { fr: values.addLabel }, min, max },
		errors,
		values
	};
}
