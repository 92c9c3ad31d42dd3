import type { RequestEvent } from '@sveltejs/kit';
import { database } from '../context';
import { recordDevice, requireDevice } from '../devices/record';
import { apiError } from '../http';
import type { Db } from '../db/open';
import { pagesServer, settlePage } from './pages-tus';
import { pageDownload } from './page-answers';
import { bumpCounter } from '../quotas';
import { serverConfig } from '../config';
import { communeDay } from '$lib/time/commune-time';

/**
 * Her document pages, sent with the tus protocol (creation, resumable PATCH, termination): each
 * tablet reaches its own pages only, by the id it gave them. Both routes (`/api/v1/pages`,
 * `/api/v1/pages/{id}`) answer through here; GET is `ownPage` below.
 */
export async function handlePages({ request, getClientAddress }: RequestEvent) {
	const device = requireDevice(request);
	if ('response' in device) return device.response;
	const db = await database();
	if (request.method === 'POST') {
		// A tablet first seen here counts against its address's hourly quota of new tablets.
		const allowed = await db
			.transaction()
			.execute((trx) => recordDevice(trx, device.hash, getClientAddress(), new Date()));
		if (!allowed) {
			return apiError(429, 'too_many_devices', 'Too many new tablets from this address this hour.');
		}
	}
	const response = await pagesServer(db, {
		deviceHash: device.hash,
		address: getClientAddress()
	}).handleWeb(request);
	response.headers.set('cache-control', 'no-store');
	return request.method === 'HEAD' ? withStatus(db, response, request) : response;
}

/**
 * HEAD tells where the page stands beyond its offset: `Page-Status` verified, refused (and
 * `Page-Refusal`, why) or receiving. A page left whole but unchecked (the server stopped between
 * its last chunk and its check) is checked now.
 */
async function withStatus(db: Db, response: Response, request: Request) {
	if (response.status !== 200) return response;
	const id = new URL(request.url).pathname.split('/').pop()!;
	const page = await settlePage(db, id, new Date());
	const headers = new Headers(response.headers);
	headers.set('page-status', page.status);
	if (page.refusal) headers.set('page-refusal', page.refusal);
	return new Response(null, { status: response.status, headers });
}

/**
 * A page she sent, back to the tablet that sent it ("Mes données": once her request is applied,
 * the tablet no longer keeps its copy). Only a page the town hall holds whole and checked; to any
 * other tablet, or before, 404. Always a download, under a policy that lets it do nothing here.
 */
export async function ownPage({ request, params }: RequestEvent) {
	const device = requireDevice(request);
	if ('response' in device) return device.response;
	const db = await database();
	const page = await db
		.selectFrom('document_pages')
		.select(['id', 'type', 'size'])
		.where('id', '=', params.id ?? '')
		.where('device_hash', '=', device.hash)
		.where('status', '=', 'verified')
		.executeTakeFirst();
	if (!page) return apiError(404, 'not_found', 'No such page from this tablet.');
	// Her own pages, as often as she wants them back — but not the town hall's bandwidth on a
	// loop: twice a day's sending volume per tablet per day, counted in one statement.
	const at = new Date();
	const served = await bumpCounter(
		db,
		`pages-out:${device.hash}:${communeDay(at)}`,
		new Date(at.getTime() + 2 * 86_400_000),
		Number(page.size)
	);
	if (served > 2 * serverConfig.quotas.documentBytesPerDay) {
		return apiError(429, 'quota_documents', 'This tablet has downloaded its pages enough today.');
	}
	return pageDownload(db, { ...page, size: Number(page.size) });
}
