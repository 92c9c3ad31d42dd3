// `npm run statement`: publishes the figures of the last complete accessibility run (written by
// `npm test` in reports/accessibility/summary.json) into the accessibility statement. Explicit, so
// that running the tests never changes the portal's sources.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const FROM = 'reports/accessibility/summary.json';
const TO = 'src/lib/accessibility/audit-summary.json';

if (!existsSync(FROM)) {
	console.error(
		`No complete audit in ${FROM}: run the whole browser suite first (npm test); a partial run publishes nothing.`
	);
	process.exit(1);
}
const summary = JSON.parse(readFileSync(FROM, 'utf8'));
writeFileSync(TO, `${JSON.stringify(summary, null, '\t')}\n`);
console.info(
	`Statement figures from the run of ${summary.date}: ${summary.checks} axe runs, ${summary.violations.length} violations, written to ${TO}.`
);
