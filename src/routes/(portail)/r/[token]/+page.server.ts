import { redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import { database } from '$lib/server/context';
import { actOnLink, linkPage } from '$lib/server/notices/link-page';

// A signed link from a message: the page reads (mail scanners open links), its button acts.
export async function load({ params, url, setHeaders }) {
	// Each person's page: never kept by a shared cache, never indexed.
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	return {
		page: await linkPage(await database(), params.token),
		done: url.searchParams.get('fait')
	};
}

export const actions = {
	default: async ({ params, request }) => {
		const form = await formOf(request);
		const answer = form.get('answer');
		const done = await actOnLink(
			await database(),
			params.token,
			typeof answer === 'string' ? answer : null
		);
		// After the press, the page as it now stands: a reload does not send it again.
		redirect(303, `/r/${params.token}?fait=${done}`);
	}
};
