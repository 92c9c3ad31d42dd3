import type { FormDefinition } from '$lib/forms/types';

/** A text in several languages; French is always present and is the fallback. */
export type Localized = Record<string, string> & { fr: string };

export type ServiceAction = 'appointment' | 'request' | 'contact';

export interface Contact {
	name: Localized;
	phone?: string;
	email?: string;
	address?: string;
	hours?: Localized;
}

export interface Theme {
	id: string;
	position: number;
	title: Localized;
	description: Localized;
	icon: string;
	version: number;
}

export interface Service {
	id: string;
	themeId: string;
	position: number;
	title: Localized;
	summary: Localized;
	description: Localized;
	audience: Localized;
	howToApply: Localized;
	keywords: Record<string, string[]>;
	contact: Contact;
	/** What the service page puts first when it has neither a form nor appointments. */
	action: ServiceAction;
	/** The online request form of this service, if it has one. */
	formId?: string;
	/** True when appointments can be booked online (see /api/v1/slots). */
	bookable: boolean;
	version: number;
}

export interface CatalogueDelta {
	/** Opaque position in the server's change history; send it back as `since`. */
	cursor: string;
	/** True when the answer holds every live record and the device must drop what it has. */
	full: boolean;
	themes: Theme[];
	services: Service[];
	forms: FormDefinition[];
	deleted: { themes: string[]; services: string[]; forms: string[] };
	/** The commune's synonym groups, when they changed since `since` (always in a full answer). */
	synonyms?: string[][];
}
