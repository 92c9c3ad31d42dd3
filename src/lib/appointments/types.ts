import type { Localized } from '$lib/catalogue/types';

export type AppointmentMode = 'in_person' | 'phone' | 'home_visit';

export interface AppointmentType {
	id: string;
	serviceId: string;
	label: Localized;
	durationMinutes: number;
	mode: AppointmentMode;
}

export interface Slot {
	appointmentTypeId: string;
	/** ISO 8601 with the commune's offset, e.g. 2026-12-01T09:30:00+01:00. */
	start: string;
	end: string;
	remaining: number;
}

export interface SlotsAnswer {
	appointmentTypes: Omit<AppointmentType, 'serviceId'>[];
	slots: Slot[];
}
