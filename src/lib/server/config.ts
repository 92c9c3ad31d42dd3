import { resolve } from 'node:path';

/** Deployment settings, all from the environment so one build serves any commune. */
export const serverConfig = {
	dataDir: resolve(process.env.DATA_DIR ?? './data'),
	catalogueFile: resolve(
		process.env.CATALOGUE_FILE ?? `${process.env.COMMUNE_DIR ?? 'commune'}/catalogue.json`
	)
};
