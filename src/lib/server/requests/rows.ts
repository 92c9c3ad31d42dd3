import type { Transaction } from 'kysely';
import { reserveVersions } from '../db/counters';
import type { Database } from '../db/schema';

/** The counter whose next value every change of a request takes (devices sync from it). */
const REQUESTS_COUNTER = 'requests';

/** Versions for `count` requests changed in this transaction, the first returned. */
export const nextRequestVersions = (trx: Transaction<Database>, count = 1) =>
	reserveVersions(trx, REQUESTS_COUNTER, count);
