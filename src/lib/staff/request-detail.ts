import type { FormDefinition } from '$lib/forms/types';
import type { RequestStatus } from '$lib/sync/mutations';

/** One request as the staff area shows it, from the API or from the device's copy. */
export interface RequestDetail {
	request: {
		id: string;
		reference: string;
		personName: string;
		status: RequestStatus;
		createdAt: string;
		helpedBy: string | null;
		answers: Record<string, unknown>;
	};
	form: FormDefinition;
	serviceTitle: string;
	events: {
		id: string;
		status: RequestStatus;
		message: string | null;
		at: string;
		by: string | null;
	}[];
	next: RequestStatus[];
}
