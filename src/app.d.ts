/// <reference types="vite-plugin-pwa/vanillajs" />
/// <reference types="vite-plugin-pwa/info" />
import type { Access } from '$lib/server/staff/guard';
import type { StaffIdentity } from '$lib/server/staff/sessions';

declare global {
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
		}
	}
}

export {};
