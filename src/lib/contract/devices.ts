import * as v from 'valibot';
import { ownAppointmentSchema } from './appointments';
import { ownRequestSchema } from './requests';
import { dateTime } from './primitives';
import { CONTRASTS, MOTIONS, SPACINGS, TEXT_SIZES } from '$lib/settings/display';

// One device's own: what it sent and where it stands, its preferences as the server knows them.

export const ownRecordsSchema = v.object({
	requests: v.array(ownRequestSchema),
	appointments: v.array(ownAppointmentSchema)
});

/** GET /api/v1/prefs: her language, display settings and the agent beside her, for the first paint. */
export const prefsSchema = v.object({
	lang: v.optional(v.string()),
	display: v.object({
		text: v.picklist(TEXT_SIZES),
		contrast: v.picklist(CONTRASTS),
		spacing: v.picklist(SPACINGS),
		motion: v.picklist(MOTIONS)
	}),
	assistedBy: v.nullable(v.object({ name: v.string(), since: v.string(), until: v.string() }))
});

/**
 * POST /api/v1/tablet-code: six digits she reads to the agent booking for her on the phone, so
 * that his booking follows on this tablet; valid until `expiresAt`.
 */
export const tabletCodeSchema = v.object({
	code: v.pipe(v.string(), v.regex(/^\d{6}$/)),
	expiresAt: dateTime
});
