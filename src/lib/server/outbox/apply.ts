import * as v from 'valibot';
import {
	MUTATION_TYPES,
	STAFF_MUTATION_TYPES,
	payloadSchemas,
	type Mutation,
	type MutationResult,
	type MutationType
} from '$lib/contract/outbox';
import { uuid } from '$lib/contract/primitives';
import type { Transaction } from 'kysely';
import type { Db } from '../db/open';
import type { Database } from '../db/schema';
import type { StaffIdentity } from '../staff/sessions';
import { formVersions } from '../catalogue/form-versions';
import { dialectOf } from '../db/dialect';
import { recordDevice } from '../devices/record';
import { mayApplyToday } from '../quotas';
import { answerFromTablet } from '../appointments/answer';
import {
	bookAppointment,
	cancelByOffice,
	cancelFromDevice,
	rescheduleAppointment
} from '../appointments/commands';
import { addCaseNote, assignCase } from '../casework/commands';
import { replyFromResident, seenByResident, sendFromOffice } from '../messages/commands';
import { fieldError, rejected, type MutationContext, type Outcome } from '../command';
import { requestErasure } from '../privacy/erasure';
import { setRequestStatus } from '../requests/status';
import { submitRequest } from '../requests/submit';
import { registerRequest } from '../requests/registration';
import { chooseNotices, setPushSubscription } from '../notices/preferences';
import { mutationResultSchema } from '$lib/contract/outbox';

const handlers: {
	[T in MutationType]: (
		ctx: MutationContext,
		payload: v.InferOutput<(typeof payloadSchemas)[T]>
	) => Promise<Outcome>;
} = {
	'request.submit': submitRequest,
	'appointment.book': bookAppointment,
	'appointment.cancel': cancelFromDevice,
	'appointment.reschedule': rescheduleAppointment,
	'request.setStatus': setRequestStatus,
	'person.erasureRequest': requestErasure,
	'notices.choose': chooseNotices,
	'device.push': setPushSubscription,
	'appointment.answer': answerFromTablet,
	'appointment.cancelByOffice': cancelByOffice,
	'case.note': addCaseNote,
	'case.assign': assignCase,
	'message.send': sendFromOffice,
	'message.reply': replyFromResident,
	'message.seen': seenByResident,
	'request.register': registerRequest
};

/** processed_mutations.result: what applying a mutation answered, kept to answer its retries alike. */
const decodeLedgerResult = (text: string): Outcome =>
	v.parse(v.omit(mutationResultSchema, ['id']), JSON.parse(text));

function isMutationType(type: string): type is MutationType {
	return (MUTATION_TYPES as readonly string[]).includes(type);
}

async function outcomeOf(ctx: MutationContext): Promise<Outcome> {
	const { type, payload } = ctx.mutation;
	if (!isMutationType(type)) return rejected(fieldError('type', 'unknownType'));
	// An agent signed in on a senior's tablet (assisted mode) acts for her, not as staff.
	if (STAFF_MUTATION_TYPES.includes(type) && ctx.actor?.mode !== 'staff') {
		return rejected(fieldError('type', 'staffOnly'));
	}
	const parsed = v.safeParse(payloadSchemas[type], payload);
	if (!parsed.success) {
		const seen = new Set<string>();
		const errors = parsed.issues
			.map((issue) => ({
				field: `payload.${issue.path?.map((p) => String(p.key)).join('.') ?? ''}`.replace(
					/\.$/,
					''
				),
				// A part left out is said to be missing, not malformed.
				code: issue.received === 'undefined' ? 'required' : 'invalidFormat'
			}))
			.filter(({ field }) => !seen.has(field) && seen.add(field))
			.map(({ field, code }) => fieldError(field, code));
		return rejected(...errors);
	}
	return (handlers[type] as (c: MutationContext, p: unknown) => Promise<Outcome>)(
		ctx,
		parsed.output
	);
}

async function replay(
	db: Db | Transaction<Database>,
	deviceHash: string,
	id: string
): Promise<MutationResult | undefined> {
	const known = await db
		.selectFrom('mutations')
		.select(['device_hash', 'status', 'result'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!known) return undefined;
	// Another device reusing an id gets nothing of the first one's result.
	if (known.device_hash !== deviceHash) return { id, ...rejected(fieldError('id', 'idInUse')) };
	const first = decodeLedgerResult(known.result);
	return { ...first, id, status: first.status === 'applied' ? 'duplicate' : first.status };
}

/** Where a batch comes from: the device's hash, the address it came from, who is signed in there. */
export interface Sender {
	deviceHash: string;
	/**
	 * The client's address, counted when a device is seen for the first time. Absent for the
	 * server's own callers (a form sent from an agent's desk without JavaScript): no device to record.
	 */
	address?: string;
	/** The agent or administrator signed in where the batch comes from, if any. */
	actor?: StaffIdentity | null;
}

/** A new device over its address's hourly quota: nothing of its batch is kept. */
export class TooManyNewDevices extends Error {}

/** A device over its daily mutations (QUOTA_MUTATIONS_PER_DAY): nothing of its batch is kept. */
export class TooManyMutations extends Error {}

/**
 * Applies one mutation exactly once (see `applyMutations`).
 */
export async function applyMutation(
	db: Db,
	deviceHash: string,
	mutation: Mutation,
	now: Date,
	actor: StaffIdentity | null = null
): Promise<MutationResult> {
	const [result] = await applyMutations(db, { deviceHash, actor }, [mutation], now);
	return result!;
}

/**
 * Applies a device's batch of mutations, in order, each exactly once. The device's record, each
 * change and its entry in the mutations ledger commit together, the whole batch in one
 * transaction: one write to disk for the batch rather than one per mutation (what bounded the
 * outbox's rate), and a failure leaves none of it applied, so the device sends the same batch
 * again. A replay of an id (a retry after a lost answer, a second tab) finds the ledger entry and
 * answers `duplicate` with the first result. Two copies racing both reach the ledger insert: the
 * later one's key clash rolls its batch back, and it is applied again once, where the ledger now
 * answers for what the other committed. Throws `TooManyNewDevices` when the device may not be
 * recorded.
 */
export async function applyMutations(
	db: Db,
	{ deviceHash, address, actor = null }: Sender,
	mutations: Mutation[],
	now: Date
): Promise<MutationResult[]> {
	const formVersion = formVersions(db);
	const run = () =>
		db.transaction().execute(async (trx) => {
			// First, so the device's row is held until commit and its quotas counted on settled data.
			if (address !== undefined && !(await recordDevice(trx, deviceHash, address, now))) {
				throw new TooManyNewDevices();
			}
			// Counted with the batch, and rolled back with it: a refused batch is not counted, so
			// the device's items wait and go whole the next day. Replays count too (each is a look
			// in the ledger), an agent at his desk does not.
			if (
				actor?.mode !== 'staff' &&
				!(await mayApplyToday(trx, deviceHash, mutations.length, now, address))
			) {
				throw new TooManyMutations();
			}
			const results: MutationResult[] = [];
			for (const mutation of mutations) {
				results.push(await applyOne({ trx, deviceHash, mutation, now, actor, formVersion }));
			}
			return results;
		});
	try {
		return await run();
	} catch (error) {
		if (dialectOf(db).isUniqueViolation(error)) return run();
		throw error;
	}
}

async function applyOne(ctx: MutationContext): Promise<MutationResult> {
	const { trx, deviceHash, mutation, now } = ctx;
	// Every caller's id is the ledger's key: one that is not a UUID ('' from a form) would make
	// unrelated changes "duplicates" of each other.
	if (!v.is(uuid, mutation.id)) {
		return { id: String(mutation.id), ...rejected(fieldError('id', 'invalidFormat')) };
	}
	const known = await replay(trx, deviceHash, mutation.id);
	if (known) return known;
	const result = await outcomeOf(ctx);
	await trx
		.insertInto('mutations')
		.values({
			id: mutation.id,
			device_hash: deviceHash,
			type: mutation.type.slice(0, 40),
			status: result.status,
			result: JSON.stringify(result),
			created_at: now.toISOString()
		})
		.execute();
	return { id: mutation.id, ...result };
}
