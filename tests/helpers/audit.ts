import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AXE_TAGS } from './axe';

/** Where each test leaves its part of the audit; tests/helpers/audit-report.ts puts them together. */
export const AUDIT_DIR = join(process.cwd(), 'reports', 'accessibility');
export const FRAGMENTS = join(AUDIT_DIR, 'fragments');

export const AUDIT_LANGUAGES = ['fr', 'ar'] as const;
export type AuditLanguage = (typeof AUDIT_LANGUAGES)[number];
export const CONTRASTS = ['standard', 'reinforced', 'dark'] as const;
/** 100 % on a tablet held sideways, 200 % on one held upright: the narrowest case for large text. */
export const SIZES = [
	{ text: '100', viewport: { width: 1024, height: 768 } },
	{ text: '200', viewport: { width: 768, height: 1024 } }
] as const;

export const combinationName = (contrast: string, text: string) => `${contrast} ${text} %`;
export const COMBINATIONS = CONTRASTS.flatMap((c) => SIZES.map((s) => combinationName(c, s.text)));

export interface Finding {
	rule: string;
	help: string;
	nodes: string[];
	criteria: string[];
}

export interface StateResult {
	kind: 'axe';
	state: string;
	lang: string;
	combinations: {
		name: string;
		violations: Finding[];
		layout: string[];
		tested: string[];
	}[];
	/** Layout faults at the most demanding settings: 200 %, reinforced, WCAG 1.4.12 spacing. */
	extreme: string[];
	axeVersion: string;
	browser: string;
}

/** `wcag1412` → `1.4.12`: the success criteria an axe rule's tags name. */
export function criteriaOf(tags: string[]): string[] {
	return tags
		.map((tag) => /^wcag(\d)(\d)(\d{1,2})$/.exec(tag))
		.filter((m): m is RegExpExecArray => m !== null)
		.map(([, p, g, c]) => `${p}.${g}.${c}`);
}

/** Layout faults axe cannot see: sideways scrolling, and text cut off by its own box. */
async function layoutFaults(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const faults: string[] = [];
		const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
		if (overflow > 0) faults.push(`horizontal scroll of ${overflow}px`);
		for (const el of document.querySelectorAll<HTMLElement>('main *, header *, footer *')) {
			const style = getComputedStyle(el);
			// Visually hidden text (1 px boxes) and form fields scroll their own content on purpose.
			if (style.overflowX === 'visible' || el.clientWidth <= 1) continue;
			if (el.matches('input, textarea, select')) continue;
			if (el.scrollWidth > el.clientWidth + 1 && el.textContent?.trim()) {
				faults.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" cut off`);
			}
		}
		// Two controls drawn over each other: one of them cannot be pressed.
		const controls = [
			...document.querySelectorAll<HTMLElement>('a, button, input, select, textarea, summary')
		].filter((el) => el.checkVisibility() && !el.closest('.visually-hidden, .skip-link'));
		const boxes = controls.map((el) => el.getBoundingClientRect());
		for (let i = 0; i < controls.length; i++) {
			for (let j = i + 1; j < controls.length; j++) {
				const [a, b] = [boxes[i]!, boxes[j]!];
				const [x, y] = [controls[i]!, controls[j]!];
				const label = x.closest('label');
				if (x.contains(y) || y.contains(x) || (label && label === y.closest('label'))) continue;
				const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
				const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
				if (w > 2 && h > 2) {
					faults.push(
						`"${x.textContent?.trim().slice(0, 20)}" overlaps "${y.textContent?.trim().slice(0, 20)}"`
					);
				}
			}
		}
		return faults;
	});
}

/** Puts the page in one display combination, as static/display.js does from the saved choice. */
async function applyCombination(page: Page, contrast: string, text: string) {
	await page.evaluate(
		([c, t]) => {
			document.documentElement.setAttribute('data-contrast', c!);
			document.documentElement.setAttribute('data-text', t!);
		},
		[contrast, text]
	);
}

/**
 * Audits the page as it stands in every contrast × text size, records the findings for the report,
 * then fails the test if any combination has a violation or a layout fault.
 */
export async function auditState(page: Page, state: string, lang: AuditLanguage) {
	const result: StateResult = {
		kind: 'axe',
		state,
		lang,
		combinations: [],
		extreme: [],
		axeVersion: '',
		browser: page.context().browser()?.version() ?? ''
	};
	for (const contrast of CONTRASTS) {
		for (const size of SIZES) {
			await page.setViewportSize(size.viewport);
			await applyCombination(page, contrast, size.text);
			const axe = await new AxeBuilder({ page })
				.options({
					runOnly: { type: 'tag', values: AXE_TAGS },
					rules: { 'color-contrast-enhanced': { enabled: true } },
					// Every node of a violation, but only one of each passing rule: the matrix runs
					// hundreds of times, and passes are only counted, never listed.
					resultTypes: ['violations']
				})
				.analyze();
			result.axeVersion = axe.testEngine.version;
			result.combinations.push({
				name: combinationName(contrast, size.text),
				violations: axe.violations.map((v) => ({
					rule: v.id,
					help: v.help,
					nodes: v.nodes.map((n) => n.target.join(' ')),
					criteria: criteriaOf(v.tags)
				})),
				layout: await layoutFaults(page),
				tested: [...new Set([...axe.passes, ...axe.violations].flatMap((r) => criteriaOf(r.tags)))]
			});
		}
	}
	// Widest text of all on an upright tablet: layout only (the colours were audited above).
	await page.setViewportSize(SIZES[1].viewport);
	await page.evaluate(() => document.documentElement.setAttribute('data-spacing', 'wide'));
	await applyCombination(page, 'reinforced', '200');
	result.extreme = await layoutFaults(page);
	await page.evaluate(() => document.documentElement.setAttribute('data-spacing', 'normal'));

	mkdirSync(FRAGMENTS, { recursive: true });
	const file = `${lang}-${state.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`;
	writeFileSync(join(FRAGMENTS, file), JSON.stringify(result));

	const problems = result.combinations.flatMap((c) => [
		...c.violations.map((v) => `${c.name}: ${v.rule} — ${v.help} — ${v.nodes.join(', ')}`),
		...c.layout.map((fault) => `${c.name}: ${fault}`)
	]);
	problems.push(...result.extreme.map((fault) => `200 % with wide spacing: ${fault}`));
	expect(problems, `${state} (${lang})`).toEqual([]);
}

/** Records a keyboard journey's outcome for the report and the accessibility statement. */
export function recordJourney(journey: string, passed: boolean) {
	mkdirSync(FRAGMENTS, { recursive: true });
	const file = `keyboard-${journey.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`;
	writeFileSync(join(FRAGMENTS, file), JSON.stringify({ kind: 'keyboard', journey, passed }));
}
