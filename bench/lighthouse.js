// One Lighthouse run of a page as a first visit on a phone-class device: Lighthouse's mobile
// profile (simulated slow 4G, 4× CPU slowdown), in Debian's Chromium, a fresh profile each time.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Lighthouse sometimes fails to record a trace (NO_NAVSTART) on a busy machine: such a run says
 * nothing about the page, so it is made again, three times at most.
 * @param {string} url
 */
export async function lighthouseRun(url, tries = 3) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await onceRun(url);
		} catch (error) {
			if (attempt >= tries) throw error;
			console.warn(`Lighthouse run failed (${error.message}); trying again.`);
		}
	}
}

/** @param {string} url */
async function onceRun(url) {
	const chrome = await chromeLauncher.launch({
		chromePath: CHROMIUM,
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu']
	});
	try {
		const result = await lighthouse(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance']
		});
		if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
		const { audits, categories, runtimeError } = result.lhr;
		if (runtimeError) throw new Error(`${url}: ${runtimeError.message}`);
		return {
			score: categories.performance.score ?? 0,
			fcp: audits['first-contentful-paint']?.numericValue ?? NaN,
			lcp: audits['largest-contentful-paint']?.numericValue ?? NaN,
			tbt: audits['total-blocking-time']?.numericValue ?? NaN,
			bytes: audits['total-byte-weight']?.numericValue ?? NaN,
			mainThread: audits['mainthread-work-breakdown']?.numericValue ?? NaN
		};
	} finally {
		await chrome.kill();
	}
}
