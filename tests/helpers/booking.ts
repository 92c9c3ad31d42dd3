import type { APIRequestContext, Page } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { words } from './locale';

/** A time as the booking page writes it: "9 h 30" or "14 h" in French, "09:30" elsewhere. */
export const TIME = /^\d{1,2}(:\d{2}|\sh(\s\d{2})?)$/;

/** The details asked at a booking's confirm step, typed as she would, by their labels. */
export async function fillContact(
	page: Page,
	{
		name = 'Berthe Lucas',
		phone = '06 12 34 56 78',
		address,
		t = words('fr')
	}: { name?: string; phone?: string; address?: string; t?: (key: string) => string } = {}
) {
	await page.getByLabel(t('booking.contact.name'), { exact: true }).fill(name);
	await page.getByLabel(t('booking.contact.phone'), { exact: true }).fill(phone);
	if (address !== undefined)
		await page.getByLabel(t('booking.contact.address'), { exact: true }).fill(address);
}

/** The contact of a booking posted straight to the API (another tablet, a test's set-up). */
export const API_CONTACT = { name: 'Paul Girard', phone: '06 11 22 33 44' };

/**
 * How and where, as a line of the page reads: "Sur place : CCAS…". What she gave or the office's
 * name is set apart by invisible Unicode isolates (for right-to-left pages), allowed for here.
 */
export function placeLine(words: string, given: string): RegExp {
	// Spaces may be non-breaking ones (a phone number never wraps): any space will do.
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s');
	return new RegExp(`^${escape(words)}\\s\\u2068?${escape(given)}\\u2069?$`);
}

/** A booking as a tablet's outbox sends it (`contact`: whom the office expects, how to tell her). */
export function bookingMutation(
	serviceId: string,
	slot: { appointmentTypeId: string; start: string },
	contact: Record<string, unknown> = API_CONTACT
) {
	return {
		id: randomUUID(),
		type: 'appointment.book',
		createdAt: new Date().toISOString(),
		payload: {
			serviceId,
			appointmentTypeId: slot.appointmentTypeId,
			start: slot.start,
			contact
		}
	};
}

/** Sends a batch from a tablet (a new one unless `key` is given); answers the outbox's results. */
export async function sendFromTablet(
	request: APIRequestContext,
	mutations: object[],
	key = randomBytes(32).toString('base64url')
): Promise<{ id: string; status: string; recordId?: string; reference?: string }[]> {
	const answer = await request.post('/api/v1/outbox', {
		headers: { authorization: `Device ${key}` },
		data: { mutations }
	});
	return (await answer.json()).results;
}
