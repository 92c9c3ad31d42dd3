import { getContext, setContext } from 'svelte';
import type { TOptions } from 'i18next';
import type { Translator } from './i18n';

const KEY = Symbol('i18n');

interface Holder {
	readonly current: Translator;
}

export interface I18n extends Holder {
	t: (key: string, options?: TOptions) => string;
	pick: Translator['pick'];
	langOf: Translator['langOf'];
}

/** Called by the root layout with a getter, so a language change re-renders every text. */
export function provideTranslator(holder: Holder) {
	setContext(KEY, holder);
}

/** Reads go through `current` at call time, so templates stay reactive to the language. */
export function useI18n(): I18n {
	const holder = getContext<Holder>(KEY);
	return {
		get current() {
			return holder.current;
		},
		t: (key, options) => holder.current.t(key, options),
		pick: (value) => holder.current.pick(value),
		langOf: (value) => holder.current.langOf(value)
	};
}
