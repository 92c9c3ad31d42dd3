import { json } from '@sveltejs/kit';
import { database } from '$lib/server/context';
import { audit } from '$lib/server/journal/audit';
import { requireStaff } from '$lib/server/staff/guard';
import { formTitles, INBOX_LIMIT, listInbox, parseFilters } from '$lib/server/requests/inbox';

/** The requests inbox: the 100 newest matching the filters, with the total. */
export async function GET({ locals, url }) {
	const staff = requireStaff(locals);
	const db = await database();
	const { filters, invalid } = parseFilters(url.searchParams);
	const [inbox, titles] = await Promise.all([listInbox(db, filters), formTitles(db)]);
	// The list shows names: reading it is reading personal data, so it is logged (filters, not names).
	await audit(db, {
		staffUserId: staff.id,
		action: 'requests.list',
		subjectType: 'inbox',
		subjectId: 'requests',
		detail: [filters.status, filters.form, filters.from, filters.to, filters.name ? 'nom' : '']
			.filter(Boolean)
			.join(' ')
	});
	return json(
		{
			filters,
			invalid,
			total: inbox.total,
			limit: INBOX_LIMIT,
			requests: inbox.rows.map((r) => ({ ...r, formTitle: titles.get(r.formId) ?? r.formId })),
			forms: [...titles].map(([id, title]) => ({ id, title }))
		},
		{ headers: { 'cache-control': 'private, no-store' } }
	);
}
