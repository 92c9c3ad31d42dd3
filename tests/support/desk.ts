import { randomUUID } from 'node:crypto';
import type { Mutation, MutationType } from '$lib/contract/outbox';
import type { Db } from '$lib/server/db/open';
import { applyMutations } from '$lib/server/outbox/apply';
import { createStaffUser } from '$lib/server/staff/accounts';
import { staffIdentity } from './fixtures';

/** An agent's account in this database, as signed in at his desk. */
export async function agentAccount(db: Db, name: string) {
	const email = `${randomUUID().slice(0, 8)}@mairie.test`;
	const made = await createStaffUser(db, {
		email,
		displayName: name,
		role: 'agent',
		password: 'Un mot de passe assez long'
	});
	if (!('id' in made)) throw new Error(made.problem);
	return staffIdentity({ id: made.id, email, name });
}

/** A change of this type, with a fresh id, as a device or a desk writes it. */
export const mutation = (type: MutationType, payload: object, at = new Date()): Mutation => ({
	id: randomUUID(),
	type,
	createdAt: at.toISOString(),
	payload
});

/**
 * Applies one change through the outbox, from a tablet (`from` is its hash) or from `agent`'s
 * desk (`from` is 'desk'); `actor` overrides who is signed in (an agent helping on her tablet).
 */
export const sender =
	(db: Db, agent: ReturnType<typeof staffIdentity>) =>
	async (
		from: string,
		m: Mutation,
		actor: ReturnType<typeof staffIdentity> | null = from === 'desk' ? agent : null,
		now = new Date()
	) => {
		const deviceHash = from === 'desk' ? `staff:${agent.id}` : from;
		const [result] = await applyMutations(db, { deviceHash, actor }, [m], now);
		return result!;
	};
