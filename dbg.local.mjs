import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage();
await p.goto('http://localhost:4399/services/portage-repas-domicile');
await p.evaluate(() => document.fonts.ready);
console.log(await p.evaluate(() => [...document.fonts].map(f => `${f.family} ${f.weight} ${f.status} ${f.unicodeRange}`)));
console.log(await p.evaluate(() => [document.fonts.check('400 20px "Portal Digits"', '0'), document.fonts.check('400 20px "Portal Digits"')]));
await b.close();
