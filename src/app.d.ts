/// <reference types="vite-plugin-pwa/vanillajs" />
/// <reference types="vite-plugin-pwa/info" />
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
		}
		interface PageData {
			title?: string;
		}
	}
}

export {};
