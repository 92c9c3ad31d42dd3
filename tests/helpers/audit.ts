import { expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES, COLOUR_ONLY, runAxe } from './axe';

/** Where each test leaves its part of the audit; tests/helpers/audit-report.ts puts them together. */
export const AUDIT_DIR = join(process.cwd(), 'reports', 'accessibility');
export const FRAGMENTS = join(AUDIT_DIR, 'fragments');

export const AUDIT_LANGUAGES = ['fr', 'ar'] as const;
export type AuditLanguage = (typeof AUDIT_LANGUAGES)[number];

/**
 * One look at a state: a display setting, a tablet, and which axe rules can change there. Every
 * check also looks for layout faults (a cheap script, so at every setting).
 */
export interface Check {
	name: string;
	contrast: 'standard' | 'reinforced' | 'dark';
	text: '100' | '200';
	viewport: { width: number; height: number };
	/** all: every rule; colour: those that read colours; none: layout only. */
	rules: 'all' | 'colour' | 'none';
	spacing?: 'wide';
}

const SIDEWAYS = { width: 1024, height: 768 };
const UPRIGHT = { width: 768, height: 1024 };
/** WCAG 1.4.10: content reflows in 320 CSS px without sideways scrolling. */
const NARROW = { width: 320, height: 640 };

function check(
	contrast: Check['contrast'],
	text: Check['text'],
	viewport: Check['viewport'],
	rules: Check['rules'],
	spacing?: 'wide'
): Check {
	const where = viewport === NARROW ? '320 px' : `${text} %`;
	const what = { all: 'all rules', colour: 'colour rules', none: 'layout' }[rules];
	const name = `${contrast} ${where}${spacing ? ' + spacing' : ''} (${what})`;
	return { name, contrast, text, viewport, rules, spacing };
}

/**
 * Each axe rule where its result can change (issue 13): every rule once at 100 % on a tablet held
 * sideways and once at 200 % upright (the folded header and its buttons exist only there); colour
 * rules once per contrast, at 100 %, where normal-size text has the strictest ratio; layout at every
 * contrast and size, at 320 px, and at the widest text with WCAG 1.4.12 spacing. Other languages
 * are checked where a language can change the result: every rule at 200 % (lang attributes,
 * direction, longer words) and the layout; colours do not depend on the language.
 */
export const CHECKS: Record<AuditLanguage, Check[]> = {
	fr: [
		check('standard', '100', SIDEWAYS, 'all'),
		check('reinforced', '100', SIDEWAYS, 'colour'),
		check('dark', '100', SIDEWAYS, 'colour'),
		check('standard', '200', UPRIGHT, 'all'),
		check('reinforced', '200', UPRIGHT, 'none'),
		check('dark', '200', UPRIGHT, 'none'),
		check('standard', '100', NARROW, 'none'),
		check('reinforced', '200', UPRIGHT, 'none', 'wide')
	],
	ar: [
		check('standard', '100', SIDEWAYS, 'none'),
		check('standard', '200', UPRIGHT, 'all'),
		check('standard', '100', NARROW, 'none'),
		check('reinforced', '200', UPRIGHT, 'none', 'wide')
	]
};

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
	checks: {
		name: string;
		rules: Check['rules'];
		violations: Finding[];
		layout: string[];
		tested: string[];
	}[];
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

/**
 * French passages on a page in another language that do not say they are French (WCAG 3.1.2): a
 * screen reader would read "Portage de repas" with an Arabic voice. Latin script of two words or
 * more inside text whose language is not French is such a passage (one word — SMS, Wi-Fi, a
 * reference — is not); it must sit in an element with lang="fr" (or its own language). What she typed is marked
 * dir="auto" and left out: its language is hers.
 */
async function unmarkedFrench(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const latinWords = /[A-Za-zÀ-ÿŒœ'’-]{2,}(?:\s+[A-Za-zÀ-ÿŒœ'’-]{2,})+/;
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const owner = node.parentElement;
			// SvelteKit's announcer reads the page's <title>, which cannot mark a part's language.
			if (!owner || owner.closest('script, style, template, noscript, #svelte-announcer')) continue;
			if (!owner.checkVisibility() && !owner.closest('.visually-hidden')) continue;
			const lang = owner.closest('[lang]')?.getAttribute('lang') ?? '';
			// Her own words (dir="auto"): in whatever language she typed them.
			// Marked in its own language (French, or the audit's English names): said as such.
			if (lang !== document.documentElement.lang || owner.closest('[dir="auto"]')) continue;
			const passage = latinWords.exec(node.textContent ?? '')?.[0];
			// Where: the element and its two parents, with their first class, to find it in the code.
			const where = [owner, owner.parentElement, owner.parentElement?.parentElement]
				.filter((el): el is HTMLElement => !!el)
				.map((el) => el.tagName.toLowerCase() + (el.classList[0] ? `.${el.classList[0]}` : ''))
				.reverse()
				.join(' > ');
			if (passage) found.push(`"${passage.slice(0, 40)}" in ${where}`);
		}
		return [...new Set(found)];
	});
}

/** Puts the page in one display setting, as static/display.js does from the saved choice. */
async function apply(page: Page, c: Check) {
	await page.setViewportSize(c.viewport);
	await page.evaluate(
		([contrast, text, spacing]) => {
			document.documentElement.setAttribute('data-contrast', contrast!);
			document.documentElement.setAttribute('data-text', text!);
			document.documentElement.setAttribute('data-spacing', spacing!);
		},
		[c.contrast, c.text, c.spacing ?? 'normal']
	);
}

/**
 * Audits the page as it stands with every check of its language, records the findings for the
 * report, then fails the test if any check found a violation or a layout fault.
 */
export async function auditState(page: Page, state: string, lang: AuditLanguage) {
	const result: StateResult = {
		kind: 'axe',
		state,
		lang,
		checks: [],
		axeVersion: '',
		browser: page.context().browser()?.version() ?? ''
	};
	for (const c of CHECKS[lang]) {
		await apply(page, c);
		const axe =
			c.rules === 'none' ? null : await runAxe(page, c.rules === 'all' ? ALL_RULES : COLOUR_ONLY);
		if (axe) result.axeVersion = axe.testEngine.version;
		result.checks.push({
			name: c.name,
			rules: c.rules,
			violations: (axe?.violations ?? []).map((v) => ({
				rule: v.id,
				help: v.help,
				nodes: v.nodes.map((n) => n.target.join(' ')),
				criteria: criteriaOf(v.tags)
			})),
			layout: await layoutFaults(page),
			tested: [
				...new Set(
					[...(axe?.passes ?? []), ...(axe?.violations ?? [])].flatMap((r) => criteriaOf(r.tags))
				)
			]
		});
	}
	await apply(page, CHECKS.fr[0]!);
	const french = lang === 'fr' ? [] : await unmarkedFrench(page);
	if (result.checks[0])
		result.checks[0].layout.push(...french.map((f) => `French not marked: ${f}`));

	mkdirSync(FRAGMENTS, { recursive: true });
	const file = `${lang}-${state.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`;
	writeFileSync(join(FRAGMENTS, file), JSON.stringify(result));

	const problems = result.checks.flatMap((c) => [
		...c.violations.map((v) => `${c.name}: ${v.rule} — ${v.help} — ${v.nodes.join(', ')}`),
		...c.layout.map((fault) => `${c.name}: ${fault}`)
	]);
	expect(problems, `${state} (${lang})`).toEqual([]);
}

/** Records a keyboard journey's outcome for the report and the accessibility statement. */
export function recordJourney(journey: string, passed: boolean) {
	mkdirSync(FRAGMENTS, { recursive: true });
	const file = `keyboard-${journey.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`;
	writeFileSync(join(FRAGMENTS, file), JSON.stringify({ kind: 'keyboard', journey, passed }));
}
