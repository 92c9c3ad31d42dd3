import { error, fail, redirect } from '@sveltejs/kit';
import { formOf } from '$lib/server/http';
import * as v from 'valibot';
import { database } from '$lib/server/context';
import {
	saveService,
	serviceForEditing,
	serviceInputProblems,
	serviceInputSchema,
	themesForEditing
} from '$lib/server/catalogue/edit';
import { requireStaff } from '$lib/server/staff/guard';
import { staffTranslator } from '$lib/staff/translator';

const NEW = 'nouveau';

export async function load({ locals, params, url }) {
	requireStaff(locals, 'admin');
	const db = await database();
	const themes = await themesForEditing(db);
	const t = staffTranslator('fr').t;
	if (params.id === NEW) {
		return {
			title: t('staff.catalogue.createTitle'),
			isNew: true,
			serviceId: null,
			themes,
			values: null,
			saved: false
		};
	}
	const found = await serviceForEditing(db, params.id);
	if (!found) error(404, 'Not found');
	const s = found.service;
	return {
		title: t('staff.catalogue.editTitle', { service: s.title.fr }),
		isNew: false,
		serviceId: params.id,
		themes,
		published: found.published,
		saved: url.searchParams.has('enregistre'),
		values: {
			themeId: s.themeId,
			title: s.title.fr,
			summary: s.summary.fr,
			description: s.description.fr,
			audience: s.audience.fr,
			howToApply: s.howToApply.fr,
			keywords: (s.keywords.fr ?? []).join(', '),
			contactName: s.contact.name.fr,
			contactPhone: s.contact.phone ?? '',
			contactAddress: s.contact.address ?? '',
			action: s.action,
			costKind: s.cost?.kind ?? '',
			costPrice: s.cost?.price?.fr ?? '',
			costNote: s.cost?.note?.fr ?? '',
			answerDays: s.answerDays ? String(s.answerDays) : ''
		}
	};
}

export const actions = {
	default: async ({ locals, params, request }) => {
		requireStaff(locals, 'admin');
		const raw = Object.fromEntries(
			[...(await formOf(request))].map(([k, value]) => [k, String(value)])
		);
		const db = await database();
		const parsed = v.safeParse(serviceInputSchema, raw);
		const themes = await themesForEditing(db);
		const errors = parsed.success
			? []
			: [...new Set(parsed.issues.map((i) => String(i.path?.[0]?.key ?? '')))];
		if (parsed.success && !themes.some((t) => t.id === parsed.output.themeId))
			errors.push('themeId');
		if (parsed.success) errors.push(...serviceInputProblems(parsed.output));
		if (!parsed.success || errors.length) return fail(400, { values: raw, errors });
		const id = await saveService(db, params.id === NEW ? null : params.id, parsed.output);
		redirect(303, `/pro/catalogue/${id}?enregistre`);
	}
};
