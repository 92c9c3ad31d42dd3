import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const c = await b.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
const p = await c.newPage();
await p.goto('http://localhost:4399/mes-demandes');
console.log(await p.locator('body').innerText());
console.log(await p.getByText('Cette page a besoin', { exact: false }).count());
await b.close();
