import { scrub, type Db } from '../db/open';
import { fieldError, rejected, type MutationContext, type Outcome } from '../command';
import { uniqueReference } from '../db/references';
import { audit } from '../journal/audit';

/**
 * The tables erasure deletes a tablet's rows from. "Mes données" gives every column of them
 * (export.ts, EXPORT_COVERAGE): what is deleted on request is first given on request.
 */
export const ERASED_TABLES = [
	'request_messages',
	'request_events',
	'requests',
	'appointments',
	'notices',
	'calls',
	'case_notes',
	'push_subscriptions',
	'tablet_codes',
	'document_page_chunks',
	'document_pages'
] as const;

/** Her request to be forgotten, recorded once (a second one while the first waits is the same). */
export async function requestErasure({
	trx,
	deviceHash,
	mutation,
	now
}: MutationContext): Promise<Outcome> {
	const waiting = await trx
		.selectFrom('erasure_requests')
		.select(['id', 'reference'])
		.where('device_hash', '=', deviceHash)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	if (waiting) return { status: 'applied', reference: waiting.reference, recordId: waiting.id };
	if (deviceHash.startsWith('staff:')) return rejected(fieldError('type', 'unknownType'));
	const reference = await uniqueReference(trx, 'erasure_requests', 'E');
	await trx
		.insertInto('erasure_requests')
		.values({
			id: mutation.id,
			reference,
			device_hash: deviceHash,
			status: 'pending',
			created_at: now.toISOString(),
			handled_by: null,
			handled_at: null
		})
		.execute();
	return { status: 'applied', reference, recordId: mutation.id };
}

/** What an administrator sees before erasing: counts and the names given, not the answers. */
export async function pendingErasures(db: Db) {
	const pending = await db
		.selectFrom('erasure_requests')
		.selectAll()
		.where('status', '=', 'pending')
		.orderBy('created_at')
		.execute();
	return Promise.all(
		pending.map(async (e) => {
			const requests = await db
				.selectFrom('requests')
				.select(['person_name'])
				.where('device_hash', '=', e.device_hash)
				.execute();
			const appointments = await db
				.selectFrom('appointments')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('device_hash', '=', e.device_hash)
				.executeTakeFirstOrThrow();
			return {
				id: e.id,
				reference: e.reference,
				createdAt: e.created_at,
				requests: requests.length,
				appointments: Number(appointments.n),
				names: [...new Set(requests.map((r) => r.person_name).filter(Boolean))] as string[]
			};
		})
	);
}

/** Erases everything the server holds from that tablet, in one transaction, and says who did. */
export async function carryOutErasure(
	db: Db,
	erasureId: string,
	staffUserId: string,
	now = new Date()
) {
	const erased = await db.transaction().execute(async (trx) => {
		const erasure = await trx
			.selectFrom('erasure_requests')
			.selectAll()
			.where('id', '=', erasureId)
			.where('status', '=', 'pending')
			.executeTakeFirst();
		if (!erasure) return false;
		const own = trx
			.selectFrom('requests')
			.select('id')
			.where('device_hash', '=', erasure.device_hash);
		const ownAppointments = trx
			.selectFrom('appointments')
			.select('id')
			.where('device_hash', '=', erasure.device_hash);
		// Her notices (who was told what, where), the office's calls, this tablet's push address.
		await trx
			.deleteFrom('notices')
			.where((eb) => eb.or([eb('subject_id', 'in', own), eb('subject_id', 'in', ownAppointments)]))
			.execute();
		await trx.deleteFrom('calls').where('appointment_id', 'in', ownAppointments).execute();
		await trx
			.deleteFrom('case_notes')
			.where((eb) => eb.or([eb('subject_id', 'in', own), eb('subject_id', 'in', ownAppointments)]))
			.execute();
		await trx
			.deleteFrom('push_subscriptions')
			.where('device_hash', '=', erasure.device_hash)
			.execute();
		await trx.deleteFrom('tablet_codes').where('device_hash', '=', erasure.device_hash).execute();
		// Her papers' pages, bytes first.
		await trx
			.deleteFrom('document_page_chunks')
			.where(
				'page_id',
				'in',
				trx.selectFrom('document_pages').select('id').where('device_hash', '=', erasure.device_hash)
			)
			.execute();
		await trx.deleteFrom('document_pages').where('device_hash', '=', erasure.device_hash).execute();
		await trx.deleteFrom('request_messages').where('request_id', 'in', own).execute();
		await trx.deleteFrom('request_events').where('request_id', 'in', own).execute();
		await trx.deleteFrom('requests').where('device_hash', '=', erasure.device_hash).execute();
		await trx.deleteFrom('appointments').where('device_hash', '=', erasure.device_hash).execute();
		await trx
			.updateTable('erasure_requests')
			.set({ status: 'done', handled_by: staffUserId, handled_at: now.toISOString() })
			.where('id', '=', erasureId)
			.execute();
		await audit(
			trx,
			{ staffUserId, action: 'person.erase', subjectType: 'device', subjectId: erasure.reference },
			now
		);
		return true;
	});
	if (erased) await scrub(db, ERASED_TABLES);
	return erased;
}
