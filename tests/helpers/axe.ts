import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';

/** DESIGN.md's bar: WCAG 2.2 AA (tags are not cumulative, so all are listed) plus AAA contrast. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The rules whose result depends on the colours: the only ones worth running again per contrast. */
export const COLOUR_RULES = ['color-contrast', 'color-contrast-enhanced', 'link-in-text-block'];

// 7:1 text contrast (WCAG AAA 1.4.6) is the portal's own bar for older readers. The rule is off
// by default, and naming it in `runOnly` alone does not turn it on.
const ENHANCED = { 'color-contrast-enhanced': { enabled: true } };

export const ALL_RULES: RunOptions = {
	runOnly: { type: 'tag', values: AXE_TAGS },
	rules: ENHANCED,
	// Every node of a violation, one of each passing rule: passes are only counted.
	resultTypes: ['violations']
};
export const COLOUR_ONLY: RunOptions = {
	runOnly: { type: 'rule', values: COLOUR_RULES },
	rules: ENHANCED,
	resultTypes: ['violations']
};

const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/**
 * Runs axe-core in the page itself. The portal has no frames, so axe's own `run` sees everything;
 * @axe-core/playwright's builder opens a second page for each analysis to merge frame results,
 * which made each run 4–5× slower (0.7–1.2 s against 0.1–0.4 s, measured on the home page).
 */
export async function runAxe(page: Page, options: RunOptions = ALL_RULES): Promise<AxeResults> {
	const loaded = await page.evaluate(() => 'axe' in window);
	if (!loaded) await page.evaluate(axeSource);
	return page.evaluate((o) => window.axe.run(document, o), options);
}

export async function expectNoAxeViolations(page: Page, label = page.url()) {
	const results = await runAxe(page);
	const summary = results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${label}`).toEqual([]);
	return results;
}

declare global {
	interface Window {
		axe: typeof import('axe-core');
	}
}
