// Makes the portal's plain-zero digits: Atkinson Hyperlegible (both versions) has only a slashed
// zero, which some readers take for "Ø" in a phone number ("Ø5 36 49 1Ø ØØ"). The page's font stack
// puts these digits first (unicode-range 0-9), taken from Public Sans, a public-service typeface
// with open, plain figures. Run once after changing the source font: `node scripts/digit-font.js`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const DIGITS = '0123456789';

for (const weight of [400, 700]) {
	const source = require.resolve(
		`@fontsource/public-sans/files/public-sans-latin-${weight}-normal.woff2`
	);
	const subset = await subsetFont(readFileSync(source), DIGITS, { targetFormat: 'woff2' });
	const target = new URL(`../src/lib/fonts/plain-digits-${weight}.woff2`, import.meta.url);
	writeFileSync(target, subset);
	console.log(`${target.pathname}: ${subset.length} bytes`);
}
