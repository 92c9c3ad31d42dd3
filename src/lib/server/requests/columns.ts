import * as v from 'valibot';

/** requests.answers: her answers by question name, as the form's checks accepted them. */
export const decodeAnswers = (text: string): Record<string, unknown> =>
	v.parse(v.record(v.string(), v.unknown()), JSON.parse(text));
