import type { DatabaseTarget } from './db/open';
import { resolve } from 'node:path';

/** A whole number from the environment, or the default when unset or not a positive number. */
function count(name: string, fallback: number): number {
	const value = Number(process.env[name]);
	return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** A percentage from the environment, 0 to 100, or the default when unset or out of range. */
function percent(name: string, fallback: number): number {
	const raw = process.env[name];
	const value = Number(raw);
	return raw?.trim() && Number.isFinite(value) && value >= 0 && value <= 100 ? value : fallback;
}

const dataDir = resolve(process.env.DATA_DIR ?? './data');

/** Deployment settings, all from the environment so one build serves any commune. */
export const serverConfig = {
	dataDir,
	/**
	 * PostgreSQL when DATABASE_URL is set (several instances may share it), else the embedded
	 * SQLite file in DATA_DIR.
	 */
	database: (process.env.DATABASE_URL
		? {
				url: process.env.DATABASE_URL,
				poolSize: count('DATABASE_POOL_SIZE', 10),
				// Several portals (or the tests) in one PostgreSQL database, each in its own schema.
				schema: process.env.DATABASE_SCHEMA || undefined
			}
		: { dataDir }) as DatabaseTarget,
	catalogueFile: resolve(
		process.env.CATALOGUE_FILE ?? `${process.env.COMMUNE_DIR ?? 'commune'}/catalogue.json`
	),
	/**
	 * What one anonymous device (or one address) may do: generous for a person, tight for a script.
	 * Stored and counted in the database, so they hold across restarts and server instances.
	 */
	/**
	 * Each day of a service keeps this share of its places for the office (bookings by an agent,
	 * or with one beside her) until this long before it: however many devices and addresses a
	 * script uses, it cannot empty a calendar, and an agent can always book for someone who phones.
	 */
	officeShare: {
		share: percent('OFFICE_SHARE_PERCENT', 25) / 100,
		releaseMs: count('OFFICE_SHARE_RELEASE_HOURS', 48) * 3_600_000
	},
	quotas: {
		/** Appointments still to come, per device and service. */
		upcomingAppointmentsPerService: count('QUOTA_APPOINTMENTS_PER_SERVICE', 2),
		/** `request.submit` per device and day (the commune's day). */
		requestsPerDay: count('QUOTA_REQUESTS_PER_DAY', 20),
		/**
		 * Bookings, changes of time and cancellations per device and day: each may send her a
		 * message, so a device cannot make the town hall write all day.
		 */
		appointmentChangesPerDay: count('QUOTA_APPOINTMENT_CHANGES_PER_DAY', 10),
		/** Her messages to the office per device and day: each one waits in an agent's inbox. */
		messagesPerDay: count('QUOTA_MESSAGES_PER_DAY', 30),
		/**
		 * Mutations of any kind per device and day, applied or refused: each is a row of the
		 * ledger, kept LEDGER_RETENTION_DAYS. The kinds with no quota of their own (read
		 * receipts, drafts' ends) would otherwise let one key write rows all day. A tablet sends a
		 * few dozen; an agent at the office's desk is not counted.
		 */
		mutationsPerDay: count('QUOTA_MUTATIONS_PER_DAY', 1000),
		/** Device keys seen for the first time, per client address and hour. */
		newDevicesPerHour: count('QUOTA_NEW_DEVICES_PER_HOUR', 30),
		/**
		 * Bytes of document pages one device may start sending per day, in MB: a whole housing
		 * application's papers photographed (about 40 pages of 400 kB) several times over, or
		 * a few PDFs of 10 MB.
		 */
		documentBytesPerDay: count('QUOTA_DOCUMENT_MB_PER_DAY', 150) * 1024 * 1024
	}
};
