import type * as v from 'valibot';
import type { inboxFiltersSchema, inboxPageSchema, inboxRowSchema } from '$lib/contract/staff';

export type InboxFilters = v.InferOutput<typeof inboxFiltersSchema>;
export type InboxRow = v.InferOutput<typeof inboxRowSchema>;
/** What `GET /api/v1/staff/requests` answers. */
export type InboxPage = v.InferOutput<typeof inboxPageSchema>;
