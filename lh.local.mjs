import { lighthouseRun } from './bench/lighthouse.js';
for (const url of process.argv.slice(2)) { const t0 = Date.now(); console.log(url, JSON.stringify(await lighthouseRun(url)), Date.now() - t0, 'ms'); }
