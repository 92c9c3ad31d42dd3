// Run by tests/helpers/staff.ts#createAccounts: several staff accounts in one process, made by the
// function behind `npm run create-admin`.
import { serverConfig } from '../../src/lib/server/config';
import { openDatabase } from '../../src/lib/server/db/open';
import { createStaffUser } from '../../src/lib/server/staff/accounts';
import type { StaffAccount } from './staff';

const accounts = JSON.parse(process.env.ACCOUNTS ?? '[]') as StaffAccount[];
const db = await openDatabase(serverConfig.database);
try {
	for (const account of accounts) {
		const made = await createStaffUser(db, {
			email: account.email,
			displayName: account.name,
			role: account.role,
			password: account.password
		});
		if ('problem' in made && made.problem !== 'emailTaken') {
			throw new Error(`${account.email}: ${made.problem}`);
		}
	}
} finally {
	await db.destroy();
}
