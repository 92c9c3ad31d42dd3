import { Upload } from 'tus-js-client';
import { API } from '$lib/contract/client';
import type { PortalDatabase } from '$lib/offline/db';
import type { StoredPage } from './pages';

/** One request's worth of bytes: under the server's BODY_SIZE_LIMIT, small enough to lose. */
export const PAGE_CHUNK_BYTES = 256 * 1024;

export type PageSent =
	| { state: 'received' }
	| { state: 'refused'; code: string }
	| { state: 'failed'; network: boolean; reason: string };

/**
 * Sends one page kept on the tablet with tus, from wherever the town hall stands: its address is
 * known from its id, so tus-js-client asks there first (HEAD) and goes on from the bytes stored,
 * or creates it when the town hall has none. No retries here: the outbox's backoff decides when
 * to try again. The page is "received" only once the town hall says it holds it whole and checked
 * (Page-Status: verified), which a last answer lost on the way is asked again for.
 */
export async function sendPage(
	db: PortalDatabase,
	page: StoredPage,
	deviceKey: string
): Promise<PageSent> {
	const headers = { authorization: `Device ${deviceKey}` };
	const address = `${API.pages}/${page.id}`;
	const outcome = await new Promise<PageSent>((resolve) => {
		const upload = new Upload(page.blob, {
			endpoint: API.pages,
			uploadUrl: address,
			chunkSize: PAGE_CHUNK_BYTES,
			retryDelays: [],
			storeFingerprintForResuming: false,
			headers,
			metadata: { id: page.id, type: page.type, sha256: page.sha256 },
			uploadSize: page.size,
			onProgress: (sent) => void db.documentPages.update(page.id, { sent }),
			onSuccess: () => resolve({ state: 'received' }),
			onError: (error) => {
				const response = (
					error as { originalResponse?: { getStatus(): number; getBody(): string } }
				).originalResponse;
				const status = response?.getStatus() ?? 0;
				if (status === 422) {
					resolve({ state: 'refused', code: refusalOf(response!.getBody()) });
				} else {
					resolve({
						state: 'failed',
						network: status === 0,
						reason: status ? `HTTP ${status}` : error.message
					});
				}
			}
		});
		upload.start();
	});
	if (outcome.state !== 'received') return settle(db, page, outcome);
	// Whole on the server: its own word on the page (a page completed earlier may have been refused).
	let answer: Response;
	try {
		answer = await fetch(address, {
			method: 'HEAD',
			headers: { ...headers, 'tus-resumable': '1.0.0' }
		});
	} catch (error) {
		return { state: 'failed', network: true, reason: (error as Error).message };
	}
	const status = answer.headers.get('page-status');
	if (answer.ok && status === 'verified') return settle(db, page, { state: 'received' });
	if (answer.ok && status === 'refused') {
		return settle(db, page, {
			state: 'refused',
			code: answer.headers.get('page-refusal') ?? 'pageUnreadable'
		});
	}
	return { state: 'failed', network: false, reason: `HEAD ${answer.status} ${status ?? ''}` };
}

/** Keeps the town hall's word on the page in the tablet's store (the page stays, its Blob too). */
async function settle(db: PortalDatabase, page: StoredPage, outcome: PageSent): Promise<PageSent> {
	if (outcome.state === 'received') {
		await db.documentPages.update(page.id, {
			sent: page.size,
			receivedAt: new Date().toISOString()
		});
	}
	if (outcome.state === 'refused')
		await db.documentPages.update(page.id, { refusal: outcome.code });
	return outcome;
}

function refusalOf(body: string): string {
	try {
		return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? 'pageUnreadable';
	} catch {
		return 'pageUnreadable';
	}
}
