import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importCatalogueFile } from '../catalogue/import';
import { applyMutation } from '../outbox/apply';
import { ownRecords } from '../devices/own-records';
import { staffIdentity } from '$tests/support/fixtures';
import { tempDatabase } from '$tests/support/temp-db';
import { createStaffUser } from './accounts';
import { listInbox, parseFilters } from '../requests/inbox';
import { hashPassword, verifyPassword } from './password';
import {
	ASSISTED_SESSION_MINUTES,
	endAllSessions,
	resolveSession,
	SESSION_IDLE_MINUTES,
	startSession,
	type StaffIdentity
} from './sessions';
import { signIn } from './sign-in';
import { REFUSE_AFTER, SLOW_AFTER } from './throttle';

const temp = await tempDatabase();
const db = temp.db;
await importCatalogueFile(db, temp.catalogue);
afterAll(() => temp.close());

const PASSWORD = 'Une phrase de passe longue';
const agent = await createStaffUser(db, {
	email: 'Agent@Mairie.test',
	displayName: 'Paul Agent',
	role: 'agent',
	password: PASSWORD
});
if (!('id' in agent)) throw new Error('agent not created');
const actor = staffIdentity({ id: agent.id, email: 'agent@mairie.test', name: 'Paul Agent' });
const at = (iso: string) => new Date(iso);

describe('passwords', () => {
	it('are stored as salted scrypt hashes that check the right password only', async () => {
		// The product's cost, not the tests' cheap one (vite.config.ts sets PASSWORD_HASH_COST).
		vi.stubEnv('PASSWORD_HASH_COST', '');
		const hash = await hashPassword('correct horse battery');
		vi.unstubAllEnvs();
		expect(hash).toMatch(/^scrypt\$32768\$8\$3\$/);
		expect(hash).not.toContain('correct');
		expect(await verifyPassword('correct horse battery', hash)).toBe(true);
		expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
		expect(await hashPassword('correct horse battery')).not.toBe(hash);
		// The tests' own hashes: cheap, and still checked by their own parameters.
		const cheap = await hashPassword('correct horse battery');
		expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
		expect(await verifyPassword('correct horse battery', cheap)).toBe(true);
	});

	it('refuses weak ones when an account is created, with a reason', async () => {
		const make = (password: string, email = 'x@mairie.test') =>
			createStaffUser(db, { email, displayName: 'X', role: 'agent', password });
		expect(await make('court')).toEqual({ problem: 'passwordTooShort' });
		expect(await make('aaaaaaaaaaaaaaaa')).toEqual({ problem: 'passwordTooSimple' });
		expect(await make('jeanne.dupont-2026!', 'jeanne.dupont@mairie.test')).toEqual({
			problem: 'passwordContainsName'
		});
		expect(await make(PASSWORD, 'AGENT@mairie.test')).toEqual({ problem: 'emailTaken' });
	});
});

describe('sign-in throttling over time', () => {
	it('slows repeated wrong passwords, then refuses even the right one, then forgives', async () => {
		const email = 'agent@mairie.test';
		const t0 = Date.parse('2026-11-20T09:00:00Z');
		const seconds = (s: number) => new Date(t0 + s * 1000);
		const results = [];
		for (let i = 0; i < 3; i++)
			results.push(await signIn(db, email, 'faux', '10.0.0.1', seconds(i)));
		expect(results.map((r) => !r.ok && r.problem)).toEqual(['wrong', 'wrong', 'wrong']);
		// The fourth try right after the third waits, whatever the password; it counts as a try,
		// and the answer says how long the next one must wait.
		expect(await signIn(db, email, PASSWORD, '10.0.0.1', seconds(2.5))).toMatchObject({
			ok: false,
			problem: 'slowed',
			retryAfterSeconds: 2
		});
		// Waiting as told, each next try is checked (and, here, wrong).
		let clock = 2.5;
		for (let tries = 5; tries <= REFUSE_AFTER; tries++) {
			clock += 2 ** (tries - 1 - SLOW_AFTER) + 0.01;
			expect(await signIn(db, email, 'faux', '10.0.0.1', seconds(clock))).toMatchObject({
				problem: 'wrong'
			});
		}
		// Ten tries: even the right password is refused, from another address too.
		const refused = await signIn(db, email, PASSWORD, '10.0.0.9', seconds(clock + 120));
		expect(refused).toMatchObject({ ok: false, problem: 'refused' });
		// A quarter of an hour after the last try, the right password opens a session again.
		const later = await signIn(db, email, PASSWORD, '10.0.0.1', seconds(clock + 135 + 15 * 60));
		expect(later.ok).toBe(true);
	}, 30_000);
});

describe('sessions', () => {
	it('end after two idle hours, after the working day, and everywhere at once', async () => {
		const start = at('2026-11-22T08:00:00Z');
		const one = await startSession(db, agent.id, start);
		const two = await startSession(db, agent.id, start);
		expect(await resolveSession(db, one.token, at('2026-11-22T09:30:00Z'))).toMatchObject({
			id: agent.id,
			role: 'agent'
		});
		const idle = new Date(Date.parse('2026-11-22T09:30:00Z') + (SESSION_IDLE_MINUTES + 1) * 60_000);
		expect(await resolveSession(db, one.token, idle)).toBeNull();
		// Kept alive, it still ends after ten hours.
		for (let hour = 1; hour <= 9; hour++) {
			const now = new Date(start.getTime() + hour * 3_600_000);
			expect(await resolveSession(db, two.token, now)).not.toBeNull();
		}
		expect(await resolveSession(db, two.token, at('2026-11-22T18:00:01Z'))).toBeNull();

		const a = await startSession(db, agent.id);
		const b = await startSession(db, agent.id);
		await endAllSessions(db, agent.id);
		expect(await resolveSession(db, a.token)).toBeNull();
		expect(await resolveSession(db, b.token)).toBeNull();
		expect(await resolveSession(db, 'made-up-token')).toBeNull();
	});

	it('are kept alive by staff work only, and end after an hour when helping a senior', async () => {
		const start = at('2026-11-23T08:00:00Z');
		const minutesLater = (n: number) => new Date(start.getTime() + n * 60_000);
		const staffSession = await startSession(db, agent.id, start);
		// Public pages seen with the cookie (the portal itself) do not keep a session from idling.
		expect(await resolveSession(db, staffSession.token, minutesLater(60), false)).not.toBeNull();
		expect(await resolveSession(db, staffSession.token, minutesLater(121), false)).toBeNull();

		const helping = await startSession(db, agent.id, start, 'assisted');
		expect(helping.expires.toISOString()).toBe(
			minutesLater(ASSISTED_SESSION_MINUTES).toISOString()
		);
		// Her browsing, every ten minutes, keeps nothing alive; the hour ends it whatever happens.
		for (let m = 10; m < ASSISTED_SESSION_MINUTES; m += 10) {
			expect(await resolveSession(db, helping.token, minutesLater(m), false)).toMatchObject({
				mode: 'assisted',
				until: minutesLater(ASSISTED_SESSION_MINUTES).toISOString()
			});
		}
		expect(
			await resolveSession(db, helping.token, minutesLater(ASSISTED_SESSION_MINUTES + 1), false)
		).toBeNull();
	});
});

describe('request status changes', () => {
	const device = 'c'.repeat(64);
	async function submit(name: string) {
		const id = randomUUID();
		const result = await applyMutation(
			db,
			device,
			{
				id,
				type: 'request.submit',
				createdAt: new Date().toISOString(),
				payload: {
					formId: 'rappel-conseiller',
					formVersion: 1,
					answers: { nom: name, telephone: '06 12 34 56 78', moment: 'matin', question: '' }
				}
			},
			new Date()
		);
		expect(result.status).toBe('applied');
		return id;
	}
	const setStatus = (
		requestId: string,
		from: string,
		to: string,
		message: string,
		who: StaffIdentity = actor
	) =>
		applyMutation(
			db,
			`staff:${who?.id}`,
			{
				id: randomUUID(),
				type: 'request.setStatus',
				createdAt: new Date().toISOString(),
				payload: { requestId, from, to, message }
			},
			new Date(),
			who
		);

	it('reach the senior’s device with the agent’s message', async () => {
		const id = await submit('Hélène Dupré');
		// Her message goes out under the commune's name: a link in it is refused, nothing moves.
		expect(
			await setStatus(id, 'received', 'in_progress', 'Voir https://example.com/dossier')
		).toMatchObject({
			status: 'rejected',
			errors: [{ field: 'payload.message', code: 'noWebAddress' }]
		});
		expect(await setStatus(id, 'received', 'in_progress', '')).toMatchObject({ status: 'applied' });
		expect(
			await setStatus(id, 'in_progress', 'done', 'Une aide ménagère viendra mardi à 10 h.')
		).toMatchObject({ status: 'applied' });
		const mine = await ownRecords(db, device);
		expect(mine.requests.find((r) => r.id === id)).toMatchObject({
			status: 'done',
			statusMessage: 'Une aide ménagère viendra mardi à 10 h.'
		});
		const events = await db
			.selectFrom('request_events')
			.selectAll()
			.where('request_id', '=', id)
			.execute();
		expect(events.map((e) => [e.status, e.staff_user_id])).toEqual([
			['received', null],
			['in_progress', agent.id],
			['done', agent.id]
		]);
	});

	it('are refused to a device, to a stale view, to a closed request and without a message', async () => {
		const id = await submit('Jean Martin');
		const fromDevice = await applyMutation(
			db,
			device,
			{
				id: randomUUID(),
				type: 'request.setStatus',
				createdAt: new Date().toISOString(),
				payload: { requestId: id, from: 'received', to: 'done', message: 'Fait' }
			},
			new Date()
		);
		expect(fromDevice).toMatchObject({ status: 'rejected', errors: [{ code: 'staffOnly' }] });
		// An id that is not a UUID (an empty one from a form) is refused, never kept as a key that
		// would make the next such change a "duplicate" of this one.
		for (let i = 0; i < 2; i++) {
			const blank = await applyMutation(
				db,
				`staff:${actor.id}`,
				{
					id: '',
					type: 'request.setStatus',
					createdAt: new Date().toISOString(),
					payload: { requestId: id, from: 'received', to: 'in_progress', message: '' }
				},
				new Date(),
				actor
			);
			expect(blank).toMatchObject({ status: 'rejected', errors: [{ field: 'id' }] });
		}
		expect(await db.selectFrom('mutations').select('id').where('id', '=', '').execute()).toEqual(
			[]
		);
		// An agent signed in on a senior's tablet acts for her, not as staff.
		const assisted = staffIdentity(actor, 'assisted');
		expect(
			await setStatus(id, 'received', 'refused', 'Hors de la commune', assisted)
		).toMatchObject({ status: 'rejected', errors: [{ code: 'staffOnly' }] });
		expect(await setStatus(id, 'received', 'refused', '  ')).toMatchObject({
			status: 'rejected',
			errors: [{ code: 'messageRequired' }]
		});
		expect(await setStatus(id, 'received', 'done', 'Fait')).toMatchObject({
			errors: [{ code: 'statusNotAllowed' }]
		});
		expect(await setStatus(id, 'received', 'refused', 'Hors de la commune')).toMatchObject({
			status: 'applied'
		});
		expect(await setStatus(id, 'received', 'in_progress', '')).toMatchObject({
			status: 'conflict',
			errors: [{ code: 'statusChanged' }]
		});
		expect(await setStatus(id, 'refused', 'in_progress', '')).toMatchObject({
			errors: [{ code: 'statusNotAllowed' }]
		});
	});

	it('are logged in the audit journal with ids, never names', async () => {
		const rows = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'request.status')
			.execute();
		expect(rows.length).toBeGreaterThanOrEqual(3);
		expect(JSON.stringify(rows)).not.toMatch(/Hélène|Jean|Martin|aide ménagère/);
	});
});

describe('the inbox', () => {
	it('finds a person by name without accents or capitals, and filters by status and day', async () => {
		const search = (query: string) =>
			listInbox(db, parseFilters(new URLSearchParams(query)).filters);
		expect((await search('nom=HELENE dupre')).rows.map((r) => r.personName)).toEqual([
			'Hélène Dupré'
		]);
		expect((await search('nom=%')).total).toBe(0);
		expect((await search('etat=refused')).rows.map((r) => r.personName)).toEqual(['Jean Martin']);
		expect((await search('du=2000-01-01&au=2000-01-02')).total).toBe(0);
		expect(parseFilters(new URLSearchParams('du=hier')).invalid).toEqual(['from']);
	});
});

describe('closing an office for a day', () => {
	it('is written to the access journal, with the day and how many appointments it cancelled', async () => {
		const { addClosure } = await import('../offices/offices');
		const { cancelled } = await addClosure(
			db,
			'france-services-rdv',
			'2030-01-07',
			'Grève',
			agent.id
		);
		const entries = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'office.close')
			.execute();
		expect(entries).toEqual([
			expect.objectContaining({
				staff_user_id: agent.id,
				subject_type: 'office',
				subject_id: 'france-services-rdv',
				detail: `2030-01-07: ${cancelled}`
			})
		]);
	});
});
