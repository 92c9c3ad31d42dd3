import summary from './audit-summary.json';

/**
 * The latest full audit, written by the end-to-end run (tests/helpers/audit-report.ts) when the
 * whole matrix ran. The accessibility statement reads its figures from here, never by hand.
 */
export interface AuditSummary {
	date: string;
	browser: string;
	axeVersion: string;
	tags: string[];
	states: string[];
	combinations: string[];
	checks: number;
	violations: { state: string; combination: string; rule: string; help: string; nodes: number }[];
	/** WCAG success criteria ("1.4.3") that axe tested, and those it found failing. */
	criteria: { tested: string[]; failed: string[] };
	keyboard: { journey: string; passed: boolean }[];
}

export const auditSummary = summary as AuditSummary;

export type Conformity = 'full' | 'partial' | 'none';

/**
 * RGAA's rule: 100 % of criteria met is "totalement conforme", 50 % or more "partiellement".
 * Automated tests cannot check every criterion, so they never earn more than "partial": that waits
 * for a manual audit.
 */
export function conformityOf(audit: AuditSummary): { status: Conformity; rate: number } {
	const tested = audit.criteria.tested.length;
	const met = tested - audit.criteria.failed.length;
	const rate = tested === 0 ? 0 : Math.round((met / tested) * 100);
	const keyboardOk = audit.keyboard.length > 0 && audit.keyboard.every((j) => j.passed);
	return { status: rate >= 50 && keyboardOk ? 'partial' : 'none', rate };
}
