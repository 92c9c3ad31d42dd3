// The files the page names by a fixed address (the commune's logo; the head script and colours
// are written into the page itself) get a version from their content: the page asks for
// `/commune/logo.svg?v=1a2b…`, which the server then lets browsers keep for a year, and a new
// build asks for a new address.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const VERSIONED_FILES = {
	logo: 'commune/logo.svg'
};

/** @param {string} dir the folder that holds them (static/ at build, build/client when serving) */
export function assetVersions(dir) {
	return Object.fromEntries(
		Object.entries(VERSIONED_FILES).map(([name, file]) => {
			const path = join(dir, file);
			const hash = existsSync(path)
				? createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12)
				: 'none';
			return [name, hash];
		})
	);
}
