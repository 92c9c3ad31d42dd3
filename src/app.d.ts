/// <reference types="vite-plugin-pwa/vanillajs" />
/// <reference types="vite-plugin-pwa/info" />
import type { Access } from '$lib/server/staff/guard';
import type { StaffIdentity } from '$lib/server/staff/sessions';

declare global {
	/** Content versions of the files the page names by fixed address (server/asset-versions.js). */
	const __ASSET_VERSIONS__: { logo: string };

	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The signed-in agent or administrator, from the session cookie; null for everyone else. */
			staff: StaffIdentity | null;
			/** Set by the guard when an agent opens an administrators' page. */
			forbidden?: boolean;
			/** Who may open this address, decided once by the guard. */
			access: Access;
		}
		interface PageData {
			title?: string;
			/** The page's `<meta name="description">`: what a search engine or a shared link shows. */
			description?: string;
		}
	}
}

export {};
