import { expect, type Page } from '@playwright/test';
import SQLite from 'better-sqlite3';
import { join } from 'node:path';
import { DATA_DIR } from '../../playwright.config';
import { signLink, singleKey, type LinkPurpose } from '../../src/lib/server/notices/links';
import { bookingMutation, sendFromTablet } from './booking';

const SERVICE = 'france-services-rdv';

/**
 * A signed link of the shared server, as its reminders carry, to an appointment booked for the
 * occasion from a tablet of its own: the link is signed here with the server's key, read from
 * its database (the messages themselves are tested end to end in notices.spec.ts).
 */
export async function signedLink(
	page: Page,
	purpose: LinkPurpose,
	{ serviceId = SERVICE, typeId, key }: { serviceId?: string; typeId?: string; key?: string } = {}
): Promise<string> {
	const { slots } = (await (
		await page.request.get(`/api/v1/slots?serviceId=${serviceId}`)
	).json()) as {
		slots: { appointmentTypeId: string; start: string }[];
	};
	// Somewhere in the fortnight, so that parallel tests rarely want the same place.
	const ofKind = slots.filter((s) => !typeId || s.appointmentTypeId === typeId);
	const free = ofKind.slice(Math.floor(ofKind.length / 3));
	let appointmentId = '';
	let start = '';
	for (let attempt = 0; attempt < 5 && !appointmentId; attempt++) {
		const slot = free[Math.floor(Math.random() * free.length)]!;
		// From her tablet when `key` is given (her "Mes rendez-vous" shows it), else a new one.
		const [result] = await sendFromTablet(page.request, [bookingMutation(serviceId, slot)], key);
		if (result?.status === 'applied') {
			appointmentId = result.recordId!;
			start = slot.start;
		}
	}
	expect(appointmentId).not.toBe('');
	const db = new SQLite(join(DATA_DIR, 'portail.sqlite'), { readonly: true });
	try {
		const row = db.prepare("SELECT value FROM app_meta WHERE key = 'notices.linkSecret'").get() as {
			value: string;
		};
		const keys = singleKey(Buffer.from(row.value, 'base64url'));
		// An answer names the time it answers for; a stop, how long it holds.
		const token =
			purpose === 'stopAppointment' || purpose === 'stopRequest'
				? signLink(keys, {
						subjectId: appointmentId,
						purpose,
						expiresAt: new Date(Date.now() + 30 * 86_400_000)
					})
				: signLink(keys, { subjectId: appointmentId, purpose, start: new Date(start) });
		return `/r/${token}`;
	} finally {
		db.close();
	}
}
