import type { RequestStatus } from '$lib/sync/mutations';

export interface InboxFilters {
	status?: RequestStatus;
	form?: string;
	from?: string;
	to?: string;
	name?: string;
}

export interface InboxRow {
	id: string;
	reference: string;
	personName: string;
	formId: string;
	formTitle: string;
	serviceId: string;
	createdAt: string;
	status: RequestStatus;
}

/** What `GET /api/v1/staff/requests` answers. */
export interface InboxPage {
	filters: InboxFilters;
	invalid: (keyof InboxFilters)[];
	total: number;
	limit: number;
	requests: InboxRow[];
	forms: { id: string; title: string }[];
}
