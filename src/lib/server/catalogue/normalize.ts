import type { Contact, Localized, Service, Theme } from '$lib/catalogue/types';
import type { CatalogueFile } from '$lib/catalogue/file-schema';

type FileText = string | Record<string, string>;

export function localize(value: FileText | undefined): Localized {
	if (value === undefined) return { fr: '' };
	if (typeof value === 'string') return { fr: value };
	return { ...value, fr: value.fr ?? '' };
}

function contactOf(
	file: CatalogueFile,
	ref: CatalogueFile['services'][number]['contact']
): Contact {
	const raw = typeof ref === 'string' ? file.contacts[ref] : ref;
	if (!raw) throw new Error(`Unknown contact "${String(ref)}"`);
	const contact: Contact = { name: localize(raw.name) };
	if (raw.phone) contact.phone = raw.phone;
	if (raw.email) contact.email = raw.email;
	if (raw.address) contact.address = raw.address;
	if (raw.hours) contact.hours = localize(raw.hours);
	return contact;
}

export type ThemeRecord = Omit<Theme, 'version'>;
export type ServiceRecord = Omit<Service, 'version'>;

/** Turns the commune's file into the records the API serves, checking references as it goes. */
export function normalizeCatalogue(file: CatalogueFile): {
	themes: ThemeRecord[];
	services: ServiceRecord[];
} {
	const themes = file.themes.map((t, position) => ({
		id: t.id,
		position,
		title: localize(t.title),
		description: localize(t.description),
		icon: t.icon
	}));
	const themeIds = new Set(themes.map((t) => t.id));
	const seen = new Set<string>();
	// Positions count within a theme, so removing one service re-sends only its theme's later ones.
	const perTheme = new Map<string, number>();
	const services = file.services.map((s) => {
		if (!themeIds.has(s.theme)) throw new Error(`Service "${s.id}": unknown theme "${s.theme}"`);
		if (seen.has(s.id)) throw new Error(`Service "${s.id}" appears twice`);
		seen.add(s.id);
		const position = perTheme.get(s.theme) ?? 0;
		perTheme.set(s.theme, position + 1);
		return {
			id: s.id,
			themeId: s.theme,
			position,
			title: localize(s.title),
			summary: localize(s.summary),
			description: localize(s.description),
			audience: localize(s.audience),
			howToApply: localize(s.howToApply),
			keywords: Array.isArray(s.keywords) ? { fr: s.keywords } : s.keywords,
			contact: contactOf(file, s.contact),
			action: s.action
		};
	});
	return { themes, services };
}
