import type { DocumentPage } from '$lib/contract/documents';
import { portalDb } from '$lib/offline/db';
import { preparePage, type PageRefusal, type PreparedPage } from './page-prepare';

// A document's pages on the tablet: prepared in a worker, kept in the device's store as Blobs
// (never as text: a page stays its own size), named in her answers by id and hash.

/** One page kept on the tablet, with the form it belongs to (removed with it). */
export interface StoredPage extends DocumentPage {
	formId: string;
	blob: Blob;
	width?: number;
	height?: number;
	createdAt: string;
	/** Bytes the town hall has stored, while it is being sent ("Envoi : 40 %"). */
	sent?: number;
	/** When the town hall confirmed it holds the page whole, its hash checked ("Reçu par la mairie"). */
	receivedAt?: string;
	/** Why the town hall refused it once whole (a page to take again). */
	refusal?: string;
}

let worker: Worker | undefined;

/** Prepares a page in the worker, one at a time; on the page's thread where no worker starts. */
function prepareOffThread(file: Blob): Promise<PreparedPage | PageRefusal> {
	try {
		worker ??= new Worker(new URL('./page-worker.ts', import.meta.url), { type: 'module' });
	} catch {
		return preparePage(file);
	}
	const running = worker;
	return new Promise((resolve) => {
		running.onmessage = (event: MessageEvent<PreparedPage | PageRefusal>) => resolve(event.data);
		running.onerror = (event) => {
			event.preventDefault();
			worker = undefined;
			resolve(preparePage(file));
		};
		running.postMessage(file);
	});
}

/** A file she took or chose, prepared and kept: its page for her answers, or why it cannot be. */
export async function keepPage(
	formId: string,
	file: Blob
): Promise<{ page: DocumentPage } | PageRefusal> {
	const prepared = await prepareOffThread(file);
	if ('code' in prepared) return prepared;
	const page: DocumentPage = {
		id: crypto.randomUUID(),
		sha256: prepared.sha256,
		size: prepared.size,
		type: prepared.type
	};
	await portalDb().documentPages.put({
		...page,
		formId,
		blob: prepared.blob,
		...(prepared.width ? { width: prepared.width, height: prepared.height } : {}),
		createdAt: new Date().toISOString()
	});
	return { page };
}

export const storedPages = (ids: string[]) =>
	portalDb().documentPages.bulkGet(ids) as Promise<(StoredPage | undefined)[]>;

export const forgetPage = (id: string) => portalDb().documentPages.delete(id);

/** What the portal's store takes on this tablet, in bytes; null where the browser does not say. */
export async function spaceUsed(): Promise<number | null> {
	const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
	return estimate?.usage ?? null;
}
