// `npm run create-admin -- --email claire.martin@mairie.fr --name "Claire Martin" [--role agent]`
// Creates a staff account in the portal's database (DATA_DIR, ./data by default). The password is
// asked twice without echo, or read from STAFF_PASSWORD for scripted installs. There is no default
// account and no default password.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { serverConfig } from '../src/lib/server/config';
import { describeTarget, openDatabase } from '../src/lib/server/db/open';
import type { StaffRole } from '../src/lib/server/db/schema';
import { createStaffUser, STAFF_ROLES } from '../src/lib/server/staff/accounts';
import { PASSWORD_MIN_LENGTH } from '../src/lib/server/staff/password';

const PROBLEMS: Record<string, string> = {
	emailInvalid: 'the e-mail address is not valid',
	nameMissing: 'give the person’s name with --name (100 characters at most)',
	roleInvalid: `the role must be one of: ${STAFF_ROLES.join(', ')}`,
	emailTaken: 'an account with this e-mail address already exists',
	passwordTooShort: `the password needs ${PASSWORD_MIN_LENGTH} characters at least`,
	passwordTooLong: 'the password is longer than 200 characters',
	passwordTooSimple: 'the password repeats too few different characters',
	passwordContainsName: 'the password contains the e-mail address’s name'
};

function askHidden(question: string): Promise<string> {
	return new Promise((resolve) => {
		const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
		const output = rl as unknown as { _writeToOutput: (s: string) => void };
		process.stdout.write(question);
		output._writeToOutput = () => {};
		rl.question('', (answer) => {
			rl.close();
			process.stdout.write('\n');
			resolve(answer);
		});
	});
}

async function main() {
	const { values } = parseArgs({
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string', default: 'admin' }
		}
	});
	if (!values.email || !values.name) {
		console.error(
			'Usage: npm run create-admin -- --email someone@mairie.fr --name "First Last" [--role agent|admin]'
		);
		process.exit(2);
	}
	let password = process.env.STAFF_PASSWORD ?? '';
	if (!password) {
		if (!process.stdin.isTTY) {
			console.error('No terminal to ask the password in: set STAFF_PASSWORD.');
			process.exit(2);
		}
		password = await askHidden(`Password (${PASSWORD_MIN_LENGTH} characters at least): `);
		if ((await askHidden('Same password again: ')) !== password) {
			console.error('The two passwords differ; nothing was created.');
			process.exit(1);
		}
	}
	const db = await openDatabase(serverConfig.database);
	try {
		const result = await createStaffUser(db, {
			email: values.email,
			displayName: values.name,
			role: values.role as StaffRole,
			password
		});
		if ('problem' in result) {
			console.error(`Nothing was created: ${PROBLEMS[result.problem] ?? result.problem}.`);
			process.exitCode = 1;
		} else {
			console.info(
				`Account created for ${values.name} (${values.role}) in ${describeTarget(serverConfig.database)}. Sign in at /pro.`
			);
		}
	} finally {
		await db.destroy();
	}
}

await main();
