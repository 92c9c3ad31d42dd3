import type { Db } from '../db/open';
import { createStaffUser, type NewStaffUser } from './accounts';
import { audit } from '../journal/audit';
import { hashPassword, passwordProblem } from './password';
import { endAllSessions, type StaffIdentity } from './sessions';

// Administrators keep the staff accounts: add one, give a new password, switch one off. Every
// change is written to the access journal; switching off or a new password ends the sessions.

export interface AccountEntry {
	id: string;
	email: string;
	name: string;
	role: 'agent' | 'admin';
	active: boolean;
	createdAt: string;
}

export async function listAccounts(db: Db): Promise<AccountEntry[]> {
	const rows = await db
		.selectFrom('staff_users')
		.select(['id', 'email', 'display_name', 'role', 'active', 'created_at'])
		.orderBy('display_name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		email: r.email,
		name: r.display_name,
		role: r.role,
		active: r.active === 1,
		createdAt: r.created_at
	}));
}

export async function addAccount(db: Db, by: StaffIdentity, input: NewStaffUser) {
	const result = await createStaffUser(db, input);
	if ('id' in result) {
		await audit(db, {
			staffUserId: by.id,
			action: 'account.create',
			subjectType: 'account',
			subjectId: result.id,
			detail: input.role
		});
	}
	return result;
}

/** Switched off, an account signs in no more and its open sessions end; never one's own. */
export async function setAccountActive(db: Db, by: StaffIdentity, id: string, active: boolean) {
	if (id === by.id) return { problem: 'self' as const };
	const changed = await db
		.updateTable('staff_users')
		.set({ active: active ? 1 : 0, updated_at: new Date().toISOString() })
		.where('id', '=', id)
		.executeTakeFirst();
	if (Number(changed.numUpdatedRows) === 0) return { problem: 'unknown' as const };
	if (!active) await endAllSessions(db, id);
	await audit(db, {
		staffUserId: by.id,
		action: active ? 'account.enable' : 'account.disable',
		subjectType: 'account',
		subjectId: id
	});
	return { problem: null };
}

/** A new password for someone who forgot hers, given to her in person; her sessions end. */
export async function resetPassword(db: Db, by: StaffIdentity, id: string, password: string) {
	const user = await db
		.selectFrom('staff_users')
		.select(['email'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!user) return { problem: 'unknown' };
	const weak = passwordProblem(password, user.email);
	if (weak) return { problem: weak };
	await db
		.updateTable('staff_users')
		.set({ password_hash: await hashPassword(password), updated_at: new Date().toISOString() })
		.where('id', '=', id)
		.execute();
	await endAllSessions(db, id);
	await audit(db, {
		staffUserId: by.id,
		action: 'account.password',
		subjectType: 'account',
		subjectId: id
	});
	return { problem: null };
}
