/// <reference types="vite-plugin-pwa/vanillajs" />
/// <reference types="vite-plugin-pwa/info" />

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface PageData {
			title?: string;
		}
	}
}

export {};
