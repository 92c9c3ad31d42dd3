import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** DESIGN.md's bar: WCAG 2.2 AA (tags are not cumulative, so all are listed) plus AAA contrast. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectNoAxeViolations(page: Page, label = page.url()) {
	const results = await new AxeBuilder({ page })
		.options({
			runOnly: { type: 'tag', values: AXE_TAGS },
			// 7:1 text contrast (WCAG AAA 1.4.6) is the portal's own bar for older readers.
			rules: { 'color-contrast-enhanced': { enabled: true } }
		})
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${label}`).toEqual([]);
	return results;
}
