import type * as v from 'valibot';
import type { requestDetailSchema } from '$lib/contract/staff';

/** One request as the staff area shows it, from the API or from the device's copy. */
export type RequestDetail = v.InferOutput<typeof requestDetailSchema>;
