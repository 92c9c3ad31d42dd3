import type { Db } from '../db/open';

/** How long what is closed is kept, in months (the commune sets it in its deployment). */
export const retention = {
	closedRequestsMonths: Number(process.env.RETENTION_MONTHS ?? 12),
	auditMonths: Number(process.env.AUDIT_RETENTION_MONTHS ?? 12)
};

function monthsBefore(now: Date, months: number): string {
	const cutoff = new Date(now);
	cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
	return cutoff.toISOString();
}

/**
 * Deletes what has been kept long enough: requests done or refused, and appointments past, for
 * `closedRequestsMonths`; the access journal after `auditMonths`; ended sessions and old sign-in
 * failures at once. Requests still open are never purged, however old.
 */
export async function purgeExpired(db: Db, now = new Date(), settings = retention) {
	const closedBefore = monthsBefore(now, settings.closedRequestsMonths);
	return db.transaction().execute(async (trx) => {
		const expired = trx
			.selectFrom('requests')
			.select('id')
			.where('status', 'in', ['done', 'refused'])
			.where('updated_at', '<', closedBefore);
		await trx.deleteFrom('request_events').where('request_id', 'in', expired).execute();
		const requests = await trx
			.deleteFrom('requests')
			.where('status', 'in', ['done', 'refused'])
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
			.where('at', '<', monthsBefore(now, settings.auditMonths))
			.executeTakeFirst();
		await trx.deleteFrom('staff_sessions').where('expires_at', '<', now.toISOString()).execute();
		await trx
			.deleteFrom('sign_in_failures')
			.where('last_at', '<', new Date(now.getTime() - 86_400_000).toISOString())
			.execute();
		return {
			requests: Number(requests.numDeletedRows),
			appointments: Number(appointments.numDeletedRows),
			journal: Number(journal.numDeletedRows)
		};
	});
}
