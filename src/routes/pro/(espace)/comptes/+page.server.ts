import { fail, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { database } from '$lib/server/context';
import {
	addAccount,
	listAccounts,
	resetPassword,
	setAccountActive
} from '$lib/server/staff/account-admin';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

export async function load({ locals, url }) {
	const staff = requireStaff(locals, 'admin');
	return {
		title: staffTranslator('fr').t('staff.accounts.title'),
		me: staff.id,
		accounts: await listAccounts(await database()),
		done: url.searchParams.get('fait')
	};
}

const text = (data: FormData, name: string) => String(data.get(name) ?? '');

// Which field each problem belongs to, so the message sits beside it.
const FIELD_OF: Record<string, string> = {
	emailInvalid: 'email',
	emailTaken: 'email',
	nameMissing: 'name',
	roleInvalid: 'role',
	passwordTooShort: 'password',
	passwordTooLong: 'password',
	passwordTooSimple: 'password',
	passwordContainsName: 'password'
};

export const actions = {
	create: async ({ locals, request }) => {
		const staff = requireStaff(locals, 'admin');
		const data = await formOf(request);
		const input = {
			displayName: text(data, 'name'),
			email: text(data, 'email'),
			role: text(data, 'role') === 'admin' ? ('admin' as const) : ('agent' as const),
			password: text(data, 'password')
		};
		const result = await addAccount(await database(), staff, input);
		if ('problem' in result) {
			return fail(400, {
				action: 'create',
				values: { name: input.displayName, email: input.email, role: input.role },
				errors: [{ field: FIELD_OF[result.problem] ?? 'name', code: result.problem }]
			});
		}
		redirect(303, '/pro/comptes?fait=create');
	},
	active: async ({ locals, request }) => {
		const staff = requireStaff(locals, 'admin');
		const data = await formOf(request);
		const on = text(data, 'active') === 'yes';
		const result = await setAccountActive(await database(), staff, text(data, 'id'), on);
		if (result.problem) {
			return fail(result.problem === 'self' ? 409 : 404, {
				action: 'active',
				errors: [{ field: 'accounts', code: result.problem }]
			});
		}
		redirect(303, `/pro/comptes?fait=${on ? 'enable' : 'disable'}`);
	},
	password: async ({ locals, request }) => {
		const staff = requireStaff(locals, 'admin');
		const data = await formOf(request);
		const id = text(data, 'id');
		const result = await resetPassword(await database(), staff, id, text(data, 'newPassword'));
		if (result.problem) {
			return fail(400, {
				action: 'password',
				values: { id },
				errors: [
					{
						field: result.problem === 'unknown' ? 'account' : 'newPassword',
						code: result.problem === 'unknown' ? 'accountMissing' : result.problem
					}
				]
			});
		}
		redirect(303, '/pro/comptes?fait=password');
	}
};
