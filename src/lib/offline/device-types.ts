import type { Answers } from '$lib/forms/types';
import type { ThreadMessage } from '$lib/contract/messages';
import type { OwnRequest } from '$lib/contract/requests';
import type { AppointmentMode, SlotsAnswer } from '$lib/appointments/types';
import type { NoticeChannel, NoticeChoice } from '$lib/notices/kinds';

/** A form being filled in: saved at every change, so nothing typed is ever lost. */
export interface Draft {
	formId: string;
	answers: Answers;
	/** The step the person was on (1-based), to resume there. */
	step: number;
	/** She ticked "keep these details in « Mes informations »" on the check page. */
	rememberDetails?: boolean;
	updatedAt: string;
}

/** "Mes informations": kept on this device only, used to prefill forms. */
export interface Profile {
	key: 'me';
	name?: string;
	phone?: string;
	address?: string;
	email?: string;
	birthDate?: string;
	emergencyContact?: string;
	/** How and of what she wants to be told (see $lib/notices/choice). */
	notify?: NoticeChannel[];
	notices?: NoticeChoice[];
	updatedAt: string;
}

/** A request or appointment as the server last described it (GET /api/v1/requests). */
export interface ServerRecord {
	id: string;
	kind: 'request' | 'appointment';
	reference: string;
	serviceId: string;
	status: string;
	statusMessage?: string | null;
	formId?: string;
	appointmentTypeId?: string;
	/** Appointments: how it takes place, and the name, phone and address she gave. */
	mode?: AppointmentMode;
	contact?: { name: string | null; phone: string | null; address: string | null };
	start?: string;
	end?: string;
	/** Appointments: her answer to the reminder ('coming', 'callback'). */
	answer?: string | null;
	/** Requests: each step of its handling, oldest first, with the office's message. */
	history?: { status: string; message: string | null; at: string }[];
	/** Requests: her thread with the office, oldest first. */
	messages?: ThreadMessage[];
	/** Requests: its number in a national system (social housing's), and the date to renew it by. */
	registration?: OwnRequest['registration'];
	createdAt?: string;
	updatedAt: string;
}

export interface CachedSlots extends SlotsAnswer {
	serviceId: string;
	fetchedAt: string;
}
