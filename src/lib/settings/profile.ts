import type { FormField } from '$lib/forms/types';
import { portalDb } from '$lib/offline/db';
import type { Profile } from '$lib/offline/device-types';

/** The questions of "Mes informations", in the same shape as a form's so they share its checks. */
export function profileFields(t: (key: string) => string): FormField[] {
	const label = (key: string) => ({ fr: t(key) });
	return [
		{
			name: 'name',
			type: 'text',
			label: label('profile.name'),
			required: false,
			autocomplete: 'name',
			max: 120
		},
		{
			name: 'phone',
			type: 'tel',
			label: label('profile.phone'),
			hint: label('profile.phoneHint'),
			required: false,
			autocomplete: 'tel'
		},
		{
			name: 'address',
			type: 'textarea',
			label: label('profile.address'),
			required: false,
			autocomplete: 'street-address',
			max: 300
		},
		{
			name: 'email',
			type: 'email',
			label: label('profile.email'),
			required: false,
			autocomplete: 'email'
		},
		{
			name: 'birthDate',
			type: 'date',
			label: label('profile.birthDate'),
			hint: label('profile.birthDateHint'),
			required: false,
			autocomplete: 'bday',
			min: '1900-01-01',
			max: 'today'
		},
		{
			name: 'emergencyContact',
			type: 'text',
			label: label('profile.emergencyContact'),
			required: false,
			max: 200
		}
	];
}

/** The contact being typed at a booking's confirm step, kept so a reload loses nothing. */
export const BOOKING_CONTACT_KEY = 'booking.contact';

export async function saveProfile(values: Omit<Profile, 'key' | 'updatedAt'>) {
	await portalDb().profile.put({ ...values, key: 'me', updatedAt: new Date().toISOString() });
}

/**
 * "Effacer mes données de cet appareil": her details, drafts, sendings and the device key (so a
 * next user of the tablet cannot see her requests). The public catalogue stays.
 */
export async function eraseMyData() {
	const db = portalDb();
	await db.transaction('rw', [db.profile, db.drafts, db.outbox, db.records, db.meta], async () => {
		await Promise.all([
			db.profile.clear(),
			db.drafts.clear(),
			db.outbox.clear(),
			db.records.clear()
		]);
		await db.meta.bulkDelete(['device.key', BOOKING_CONTACT_KEY]);
	});
}
