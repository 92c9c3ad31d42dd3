// Renders the commune's logo.svg into the PNG icons a PWA manifest needs, with Chromium.
// Run once after changing the logo: `node scripts/make-icons.js`.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { communeDir } from './commune-assets.js';

const dir = communeDir();
const svg = readFileSync(join(dir, 'logo.svg'), 'utf8');
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
});
const page = await browser.newPage();
for (const [name, size, padding] of [
	['icon-192.png', 192, 0],
	['icon-512.png', 512, 0],
	// Maskable icons keep their content inside the central 80 % safe zone.
	['icon-maskable-512.png', 512, 0.12]
]) {
	await page.setViewportSize({ width: size, height: size });
	const inner = Math.round(size * (1 - 2 * padding));
	await page.setContent(
		`<body style="margin:0;background:#14336e;display:grid;place-items:center;width:${size}px;height:${size}px">` +
			`<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`
	);
	await page.screenshot({ path: join(dir, name), omitBackground: false });
}
await browser.close();
