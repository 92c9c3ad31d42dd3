/// <reference types="vite-plugin-pwa/vanillajs" />
/// <reference types="vite-plugin-pwa/info" />
import type { Language } from '$lib/i18n/languages';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			lang: Language;
		}
		interface PageData {
			title?: string;
		}
	}
}

export {};
