import type * as v from 'valibot';
import type { Localized } from '$lib/catalogue/types';
import type { slotSchema, slotsAnswerSchema } from '$lib/contract/appointments';

export type AppointmentMode = 'in_person' | 'phone' | 'home_visit';

export interface AppointmentType {
	id: string;
	serviceId: string;
	label: Localized;
	durationMinutes: number;
	mode: AppointmentMode;
}

/** A free time, as GET /api/v1/slots describes it. */
export type Slot = v.InferOutput<typeof slotSchema>;
export type SlotsAnswer = v.InferOutput<typeof slotsAnswerSchema>;
