import { database } from '$lib/server/context';
import { apiError } from '$lib/server/http';
import { requireStaff } from '$lib/server/staff/guard';
import { requestDossier } from '$lib/server/documents/dossier';
import { pdfDownload } from '$lib/server/documents/page-answers';

/** The request's complete file as one PDF (answers, history, every page): always a download. */
export async function GET({ locals, params }) {
	const staff = requireStaff(locals);
	const dossier = await requestDossier(await database(), staff, params.id);
	if (!dossier) return apiError(404, 'not_found', 'No such request.');
	return pdfDownload(dossier.bytes, dossier.filename);
}
