import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditSummary } from '../../src/lib/accessibility/audit-summary';
import { AUDIT_DIR, AUDIT_LANGUAGES, CHECKS, FRAGMENTS, type StateResult } from './audit';
import { AXE_TAGS } from './axe';
import { AUDITED_STATES, KEYBOARD_JOURNEYS, OFFLINE_STATES, STATES } from './audit-matrix';

interface JourneyResult {
	kind: 'keyboard';
	journey: string;
	passed: boolean;
}

/** What `npm run statement` publishes (scripts/statement.js), only from a complete run. */
export const SUMMARY_FILE = join(AUDIT_DIR, 'summary.json');

/** Global setup: no fragment from an earlier run may leak into this one's report. */
export function clearAudit() {
	rmSync(FRAGMENTS, { recursive: true, force: true });
	mkdirSync(FRAGMENTS, { recursive: true });
}

function readFragments() {
	if (!existsSync(FRAGMENTS)) return { states: [], journeys: [] };
	const all = readdirSync(FRAGMENTS).map(
		(file) => JSON.parse(readFileSync(join(FRAGMENTS, file), 'utf8')) as StateResult | JourneyResult
	);
	return {
		states: all.filter((f): f is StateResult => f.kind === 'axe'),
		journeys: all.filter((f): f is JourneyResult => f.kind === 'keyboard')
	};
}

const axeRuns = (states: StateResult[]) =>
	states.reduce((n, s) => n + s.checks.filter((c) => c.rules !== 'none').length, 0);

function markdown(states: StateResult[], journeys: JourneyResult[], summary: AuditSummary) {
	const lines = [
		'# Accessibility audit matrix',
		'',
		`Run: ${summary.date} · axe-core ${summary.axeVersion} · ${summary.browser}`,
		`Tags: ${AXE_TAGS.join(', ')} + color-contrast-enhanced (7:1)`,
		'',
		`- States audited: ${states.length} (public pages and states × ${AUDIT_LANGUAGES.length} languages, staff pages in French)`,
		`- Checks per state: ${AUDIT_LANGUAGES.map((l) => `${l} ${CHECKS[l].length}`).join(', ')} (see tests/helpers/audit.ts for why each rule runs where it does)`,
		`- axe runs: ${axeRuns(states)} (public portal: ${summary.checks})`,
		`- Violations: ${states.reduce((n, s) => n + s.checks.reduce((m, c) => m + c.violations.length, 0), 0)} (public portal: ${summary.violations.length})`,
		`- WCAG criteria tested by axe: ${summary.criteria.tested.length}; failing: ${summary.criteria.failed.join(', ') || 'none'}`,
		`- Keyboard journeys: ${journeys.filter((j) => j.passed).length} of ${journeys.length} passed`
	];
	for (const lang of AUDIT_LANGUAGES) {
		const names = CHECKS[lang].map((c) => c.name);
		lines.push('', `## Matrix (${lang})`, '');
		lines.push(`| State | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`);
		const ofLang = states.filter((s) => s.lang === lang);
		for (const state of ofLang.sort((a, b) => a.state.localeCompare(b.state))) {
			const cells = names.map((name) => {
				const c = state.checks.find((x) => x.name === name);
				if (!c) return '–';
				const faults = c.violations.length + c.layout.length;
				return faults === 0 ? 'pass' : `**${faults} fault${faults > 1 ? 's' : ''}**`;
			});
			lines.push(`| ${state.state} | ${cells.join(' | ')} |`);
		}
	}
	lines.push('', '## Keyboard journeys', '');
	for (const j of journeys) lines.push(`- ${j.passed ? 'pass' : '**fail**'}: ${j.journey}`);
	const faults = states.flatMap((s) =>
		s.checks.flatMap((c) => [
			...c.violations.map(
				(v) => `- ${s.state} (${s.lang}, ${c.name}): ${v.rule} — ${v.help} — ${v.nodes.join(', ')}`
			),
			...c.layout.map((l) => `- ${s.state} (${s.lang}, ${c.name}): layout — ${l}`)
		])
	);
	lines.push('', '## Findings', '', ...(faults.length ? faults : ['None.']), '');
	return lines.join('\n');
}

/**
 * Global teardown: writes the readable report and its JSON beside the test outputs, and — only when
 * the whole matrix ran — the summary that `npm run statement` publishes. Tests write nothing in
 * src/: each change there would change the build's source hash.
 */
export function writeAuditReport() {
	const { states: all, journeys } = readFragments();
	if (all.length === 0 && journeys.length === 0) return;
	// The statement covers the portal the public uses; the staff area (French only, its own
	// tests) is in the report below it but not in the published figures.
	const publicNames = new Set([...STATES, ...OFFLINE_STATES].map((s) => s.name));
	const states = all.filter((s) => publicNames.has(s.state));
	const failedCriteria = new Set<string>();
	const tested = new Set<string>();
	const violations: AuditSummary['violations'] = [];
	for (const s of states) {
		for (const c of s.checks) {
			c.tested.forEach((x) => tested.add(x));
			for (const v of c.violations) {
				v.criteria.forEach((x) => failedCriteria.add(x));
				violations.push({
					state: s.state,
					combination: `${s.lang}, ${c.name}`,
					rule: v.rule,
					help: v.help,
					nodes: v.nodes.length
				});
			}
		}
	}
	const byNumber = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
	const summary: AuditSummary = {
		date: new Date().toISOString(),
		browser: `Chromium ${states[0]?.browser ?? ''}`.trim(),
		axeVersion: states[0]?.axeVersion ?? '',
		tags: [...AXE_TAGS, 'color-contrast-enhanced'],
		// In the matrix's own order (journey order), as the statement lists them.
		states: [...STATES, ...OFFLINE_STATES]
			.map((s) => s.name)
			.filter((name) => states.some((s) => s.state === name)),
		combinations: AUDIT_LANGUAGES.flatMap((lang) => CHECKS[lang].map((c) => `${lang}, ${c.name}`)),
		checks: axeRuns(states),
		violations,
		criteria: { tested: [...tested].sort(byNumber), failed: [...failedCriteria].sort(byNumber) },
		keyboard: journeys.map((j) => ({ journey: j.journey, passed: j.passed }))
	};
	mkdirSync(AUDIT_DIR, { recursive: true });
	writeFileSync(join(AUDIT_DIR, 'report.md'), markdown(all, journeys, summary));
	writeFileSync(
		join(AUDIT_DIR, 'results.json'),
		JSON.stringify({ summary, states: all, journeys }, null, 1)
	);
	const complete =
		states.length === AUDITED_STATES * AUDIT_LANGUAGES.length &&
		journeys.length === KEYBOARD_JOURNEYS.length;
	// Only a complete run may speak for the portal; a partial one must not leave an older
	// complete summary beside its report either.
	rmSync(SUMMARY_FILE, { force: true });
	if (complete) writeFileSync(SUMMARY_FILE, `${JSON.stringify(summary, null, '\t')}\n`);
	console.log(
		`Accessibility audit: ${summary.checks} axe runs over ${states.length} public states (and ${all.length - states.length} staff states), ${violations.length} violations; ` +
			`report in reports/accessibility/report.md${complete ? '; `npm run statement` publishes its figures' : ' (partial run: nothing to publish)'}`
	);
}
