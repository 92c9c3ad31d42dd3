import type * as v from 'valibot';
import type { ownAppointmentSchema, ownRequestSchema } from './contract';

/** A device's own request, as GET /api/v1/requests describes it. */
export type OwnRequest = v.InferOutput<typeof ownRequestSchema>;
export type OwnAppointment = v.InferOutput<typeof ownAppointmentSchema>;
