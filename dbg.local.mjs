import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const c = await b.newContext({ viewport: { width: 768, height: 1024 }, locale: 'ar' });
const p = await c.newPage();
await p.goto('http://localhost:4399/services/restaurant-seniors');
await p.waitForTimeout(1000);
console.log(await p.evaluate(() => { const h = document.querySelector('h1'); const cs = getComputedStyle(h); return [h.lang, cs.direction, cs.textAlign, getComputedStyle(h.parentElement).textAlign, getComputedStyle(h.parentElement).direction]; }));
await b.close();
