import type { Db } from '../db/open';
import { DECIDED_STATUSES } from '$lib/contract/requests';
import { purgePages } from '../documents/retention';

/** A replay of a mutation (its answer lost, the tablet then off for weeks) can come this late. */
export const LEDGER_MIN_DAYS = 30;

/** How long what is closed is kept (the commune sets it in its deployment). */
export const retention = {
	closedRequestsMonths: Number(process.env.RETENTION_MONTHS ?? 12),
	auditMonths: Number(process.env.AUDIT_RETENTION_MONTHS ?? 12),
	/** Her papers' pages, after their request is closed (issue 25: six months by default). */
	documentMonths: Number(process.env.DOCUMENT_RETENTION_MONTHS ?? 6),
	/** The mutations ledger: never under 30 days, or a late replay would be applied twice. */
	ledgerDays: Math.max(LEDGER_MIN_DAYS, Number(process.env.LEDGER_RETENTION_DAYS ?? 90) || 90)
};

function monthsBefore(now: Date, months: number): string {
	const cutoff = new Date(now);
	cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
	return cutoff.toISOString();
}

/**
 * Deletes what has been kept long enough: requests done or refused, and appointments past, for
 * `closedRequestsMonths`; the access journal after `auditMonths`; the mutations ledger after
 * `ledgerDays`; devices unseen for `closedRequestsMonths` that hold nothing any more; ended
 * sessions, old sign-in tries and spent quota counters at once. Requests still open are never
 * purged, however old.
 */
export async function purgeExpired(
	db: Db,
	now = new Date(),
	settings: Partial<typeof retention> = retention
) {
	const { closedRequestsMonths, auditMonths, documentMonths } = { ...retention, ...settings };
	const ledgerDays = Math.max(LEDGER_MIN_DAYS, settings.ledgerDays ?? retention.ledgerDays);
	const closedBefore = monthsBefore(now, closedRequestsMonths);
	return db.transaction().execute(async (trx) => {
		const expired = trx
			.selectFrom('requests')
			.select('id')
			.where('status', 'in', [...DECIDED_STATUSES])
			.where('updated_at', '<', closedBefore);
		await trx.deleteFrom('request_messages').where('request_id', 'in', expired).execute();
		await trx.deleteFrom('request_events').where('request_id', 'in', expired).execute();
		// Before the requests they belong to: a page whose request is gone goes too.
		const pages = await purgePages(trx, now, documentMonths);
		const requests = await trx
			.deleteFrom('requests')
			.where('status', 'in', [...DECIDED_STATUSES])
			.where('updated_at', '<', closedBefore)
			.executeTakeFirst();
		const appointments = await trx
			.deleteFrom('appointments')
			.where('end_at', '<', closedBefore)
			.executeTakeFirst();
		await trx
			.deleteFrom('erasure_requests')
			.where('status', '=', 'done')
			.where('handled_at', '<', closedBefore)
			.execute();
		const journal = await trx
			.deleteFrom('audit_log')
			.where('at', '<', monthsBefore(now, auditMonths))
			.executeTakeFirst();
		await trx.deleteFrom('staff_sessions').where('expires_at', '<', now.toISOString()).execute();
		await trx
			.deleteFrom('sign_in_tries')
			.where('last_at', '<', new Date(now.getTime() - 86_400_000).toISOString())
			.execute();
		await trx.deleteFrom('quota_counters').where('expires_at', '<', now.toISOString()).execute();
		await trx.deleteFrom('tablet_codes').where('expires_at', '<', now.toISOString()).execute();
		// Recipients not written to for as long as closed records are kept: new again. (The stop
		// list is kept: a person who said stop is not written to again, however long after.)
		await trx.deleteFrom('notice_recipients').where('last_at', '<', closedBefore).execute();
		const ledger = await trx
			.deleteFrom('mutations')
			.where('created_at', '<', new Date(now.getTime() - ledgerDays * 86_400_000).toISOString())
			.executeTakeFirst();
		// Notices and calls go with what they were about; a device forgotten takes its push address.
		await trx
			.deleteFrom('notices')
			.where(({ exists, not, selectFrom }) =>
				not(
					exists(
						selectFrom('appointments')
							.select('appointments.id')
							.whereRef('appointments.id', '=', 'notices.subject_id')
							.union(
								selectFrom('requests')
									.select('requests.id')
									.whereRef('requests.id', '=', 'notices.subject_id')
							)
					)
				)
			)
			.execute();
		// An agent's notes go with the request or appointment they were written on.
		for (const [subject, table] of [
			['request', 'requests'],
			['appointment', 'appointments']
		] as const) {
			await trx
				.deleteFrom('case_notes')
				.where('subject_type', '=', subject)
				.where(({ exists, not, selectFrom }) =>
					not(
						exists(
							selectFrom(table)
								.select(`${table}.id`)
								.whereRef(`${table}.id`, '=', 'case_notes.subject_id')
						)
					)
				)
				.execute();
		}
		await trx
			.deleteFrom('calls')
			.where(({ exists, not, selectFrom }) =>
				not(
					exists(
						selectFrom('appointments')
							.select('appointments.id')
							.whereRef('appointments.id', '=', 'calls.appointment_id')
					)
				)
			)
			.execute();
		await trx
			.deleteFrom('push_subscriptions')
			.where(({ exists, not, selectFrom }) =>
				not(
					exists(
						selectFrom('devices')
							.select('devices.key_hash')
							.whereRef('devices.key_hash', '=', 'push_subscriptions.device_hash')
					)
				)
			)
			.execute();
		const devices = await trx
			.deleteFrom('devices')
			.where('last_seen_at', '<', closedBefore)
			.where(({ exists, not, selectFrom }) =>
				not(
					exists(
						selectFrom('requests')
							.select('requests.id')
							.whereRef('requests.device_hash', '=', 'devices.key_hash')
							.union(
								selectFrom('appointments')
									.select('appointments.id')
									.whereRef('appointments.device_hash', '=', 'devices.key_hash')
							)
					)
				)
			)
			.executeTakeFirst();
		return {
			requests: Number(requests.numDeletedRows),
			appointments: Number(appointments.numDeletedRows),
			journal: Number(journal.numDeletedRows),
			ledger: Number(ledger.numDeletedRows),
			devices: Number(devices.numDeletedRows),
			pages
		};
	});
}
