import type * as v from 'valibot';
import type {
	appointmentModeSchema,
	appointmentTypeSchema,
	slotSchema,
	slotsAnswerSchema
} from '$lib/contract/appointments';

// Appointments' types, inferred from the wire's schemas (src/lib/contract/appointments.ts).

export type AppointmentMode = v.InferOutput<typeof appointmentModeSchema>;

/** A kind of appointment a service offers, with the service it belongs to. */
export type AppointmentType = v.InferOutput<typeof appointmentTypeSchema> & { serviceId: string };

/** A free time, as GET /api/v1/slots describes it. */
export type Slot = v.InferOutput<typeof slotSchema>;
export type SlotsAnswer = v.InferOutput<typeof slotsAnswerSchema>;
