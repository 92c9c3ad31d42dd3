import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const c = await b.newContext({ viewport: { width: 320, height: 640 }, locale: 'ar' });
await c.addCookies([{ name: 'lang', value: 'ar', url: 'http://localhost:4399' }]);
const p = await c.newPage();
await p.goto('http://localhost:4399' + (process.argv[2] ?? '/accessibilite'));
await p.waitForTimeout(1500);
console.log(await p.evaluate(() => {
  const W = document.documentElement.clientWidth;
  const out = [`sw ${document.documentElement.scrollWidth} cw ${W}`];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if ((r.right > W || r.left < 0)) out.push(`${el.tagName}.${el.className} ${r.left.toFixed(1)}..${r.right.toFixed(1)} "${el.textContent.trim().slice(0,40)}"`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const range = document.createRange(); range.selectNodeContents(walker.currentNode);
    for (const r of range.getClientRects()) if (r.right > W || r.left < 0) out.push(`text ${r.left.toFixed(1)}..${r.right.toFixed(1)} "${walker.currentNode.textContent.trim().slice(0,50)}" in ${walker.currentNode.parentElement.tagName}`);
  }
  return out.join('\n');
}));
console.log(await p.evaluate(() => {
  const res = [];
  const probe = (el, depth) => {
    for (const child of [...el.children]) {
      const saved = child.style.display; child.style.display = 'none';
      const sw = document.documentElement.scrollWidth;
      child.style.display = saved;
      if (sw <= 320) { res.push(`${'  '.repeat(depth)}${child.tagName}.${child.className} fixes`); probe(child, depth + 1); }
    }
  };
  probe(document.body, 0);
  return res.join('\n');
}));
console.log(await p.evaluate(() => {
  const ul = document.querySelector('ul.pages'); const cs = getComputedStyle(ul);
  const r = ul.getBoundingClientRect();
  return [`ul ${cs.display} ${cs.gridTemplateColumns} ${r.left}..${r.right} sw ${ul.scrollWidth} cw ${ul.clientWidth} pad ${cs.paddingInlineStart}`,
    ...[...ul.children].slice(0,3).map((li) => { const q = li.getBoundingClientRect(); return `li ${q.left}..${q.right} sw ${li.scrollWidth} cw ${li.clientWidth} ${getComputedStyle(li).overflowWrap}`; })].join('\n');
}));
console.log(await p.evaluate(() => {
  const ul = document.querySelector('ul.pages'); const out = [];
  for (const css of ['', 'list-style-position: inside', 'overflow-wrap: normal', 'display:block', 'padding-inline-start: 3rem']) {
    ul.style.cssText = css; out.push(`${css || 'as is'}: ${document.documentElement.scrollWidth} ul ${ul.scrollWidth}/${ul.clientWidth}`);
  }
  ul.style.cssText = '';
  const li = ul.children[0]; const range = document.createRange(); range.selectNodeContents(li);
  out.push([...range.getClientRects()].map(r => `${r.left}..${r.right}`).join(' '));
  return out.join('\n');
}));
await p.locator('ul.pages').scrollIntoViewIfNeeded(); await p.screenshot({ path: '/tmp/shots/ovf.png' });
await b.close();
