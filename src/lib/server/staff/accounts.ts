import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import type { StaffRole, StaffUserRow } from '../db/schema';
import { hashPassword, passwordProblem } from './password';

export const STAFF_ROLES: readonly StaffRole[] = ['agent', 'admin'];

export interface NewStaffUser {
	email: string;
	displayName: string;
	role: StaffRole;
	password: string;
}

export type AccountProblem =
	| 'emailInvalid'
	| 'nameMissing'
	| 'roleInvalid'
	| 'emailTaken'
	| NonNullable<ReturnType<typeof passwordProblem>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Creates an account, or says in one code what is wrong with the details. */
export async function createStaffUser(
	db: Db,
	input: NewStaffUser,
	now = new Date()
): Promise<{ id: string } | { problem: AccountProblem }> {
	const email = normalizeEmail(input.email);
	const displayName = input.displayName.trim();
	if (!EMAIL.test(email) || email.length > 254) return { problem: 'emailInvalid' };
	if (!displayName || displayName.length > 100) return { problem: 'nameMissing' };
	if (!STAFF_ROLES.includes(input.role)) return { problem: 'roleInvalid' };
	const weak = passwordProblem(input.password, email);
	if (weak) return { problem: weak };
	const taken = await db
		.selectFrom('staff_users')
		.select('id')
		.where('email', '=', email)
		.executeTakeFirst();
	if (taken) return { problem: 'emailTaken' };
	const id = randomUUID();
	const stamp = now.toISOString();
	await db
		.insertInto('staff_users')
		.values({
			id,
			email,
			display_name: displayName,
			role: input.role,
			password_hash: await hashPassword(input.password),
			active: 1,
			created_at: stamp,
			updated_at: stamp
		})
		.execute();
	return { id };
}

export function findStaffByEmail(db: Db, email: string): Promise<StaffUserRow | undefined> {
	return db
		.selectFrom('staff_users')
		.selectAll()
		.where('email', '=', normalizeEmail(email))
		.executeTakeFirst();
}
