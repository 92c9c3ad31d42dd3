import * as v from 'valibot';
import { ANSWERS } from '$lib/notices/kinds';
import { assistedSchema, dateTime, id, instant, localizedSchema, uuid } from './primitives';
import {
	addressSchema,
	emailSchema,
	languageSchema,
	noticeKindsSchema,
	notifySchema
} from './notices';

// Appointments on the wire: booking, moving, cancelling, her answer to a reminder; the free slots
// a tablet keeps; her own appointments read back.

/** How an appointment takes place: at the office, over the phone, or at her home. */
export const APPOINTMENT_MODES = ['in_person', 'phone', 'home_visit'] as const;
export const appointmentModeSchema = v.picklist(APPOINTMENT_MODES);
/** Booked, or cancelled (by her, her answer "cannot", a call, or a closed day). */
export const appointmentStatusSchema = v.picklist(['booked', 'cancelled']);

export const appointmentPayloads = {
	'appointment.book': v.strictObject({
		serviceId: id,
		appointmentTypeId: id,
		start: instant,
		// Who the office expects and how to reach her (her address for a home visit): asked at the
		// confirm step. The shape is checked here; what is missing or wrong, by the shared
		// `contactIssues`, so each field gets its own message.
		contact: v.strictObject({
			name: v.pipe(v.string(), v.maxLength(200)),
			phone: v.pipe(v.string(), v.maxLength(40)),
			address: addressSchema,
			email: emailSchema,
			notify: notifySchema,
			notices: noticeKindsSchema,
			language: languageSchema
		}),
		assisted: assistedSchema,
		// The code her tablet shows, given on the phone to an agent booking for her at his desk:
		// the appointment then follows on that tablet. Read there (devices/tablet-code.ts).
		tabletCode: v.optional(v.pipe(v.string(), v.maxLength(20)))
	}),
	'appointment.cancel': v.strictObject({ appointmentId: uuid }),
	// Her tablet moves what it booked; a signed-in agent, any appointment (for a caller).
	// `duringCall`: an agent's change agreed on the phone from "À appeler", its call recorded with it.
	'appointment.reschedule': v.strictObject({
		appointmentId: uuid,
		start: instant,
		duringCall: v.optional(v.literal(true))
	}),
	// An agent cancels for the office (a caller, an absence): why, in words she will read.
	'appointment.cancelByOffice': v.strictObject({
		appointmentId: uuid,
		reason: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
		duringCall: v.optional(v.literal(true))
	}),
	// Her answer to a reminder, from "Mes rendez-vous".
	'appointment.answer': v.strictObject({ appointmentId: uuid, answer: v.picklist(ANSWERS) })
};

export const ownAppointmentSchema = v.object({
	id: uuid,
	reference: v.string(),
	serviceId: v.string(),
	appointmentTypeId: v.string(),
	start: dateTime,
	end: dateTime,
	status: appointmentStatusSchema,
	/** How it takes place, so her list can say "nous vous appelons au…" or "chez vous". */
	mode: appointmentModeSchema,
	/** What she gave at the confirm step (her own tablet's booking: nobody else's). */
	contact: v.object({
		name: v.nullable(v.string()),
		phone: v.nullable(v.string()),
		address: v.nullable(v.string())
	}),
	/** Set when the town hall cancelled it (the office closed that day): why, in its words. */
	statusMessage: v.nullable(v.string()),
	/** Her answer to the reminder: she will come, or asked to be called back. */
	answer: v.optional(v.nullable(v.picklist(ANSWERS))),
	updatedAt: dateTime
});

export const appointmentTypeSchema = v.object({
	id: v.string(),
	label: localizedSchema,
	durationMinutes: v.pipe(v.number(), v.integer()),
	mode: appointmentModeSchema,
	/** What to bring ("Apportez votre carte Vitale."), said on the confirmation as in the e-mail. */
	bring: v.optional(localizedSchema)
});

export const slotSchema = v.object({
	appointmentTypeId: v.string(),
	/** ISO 8601 with the commune's offset, e.g. 2026-12-01T09:30:00+01:00. */
	start: instant,
	end: instant,
	remaining: v.pipe(v.number(), v.integer(), v.minValue(0))
});

export const slotsAnswerSchema = v.object({
	appointmentTypes: v.array(appointmentTypeSchema),
	slots: v.array(slotSchema),
	/** How long before an appointment its reminder goes (REMINDER_LEAD_HOURS): she is told. */
	reminderHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});

export const slotSuggestionSchema = v.object({
	appointmentTypeId: v.string(),
	start: instant,
	end: instant
});

export type OwnAppointment = v.InferOutput<typeof ownAppointmentSchema>;
export type SlotSuggestion = v.InferOutput<typeof slotSuggestionSchema>;
