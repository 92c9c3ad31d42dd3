import { scaleFigures } from './bench/scale.js';
const figures = [];
await scaleFigures({ chromiumPath: '/usr/bin/chromium', port: 4390, env: { QUOTA_NEW_DEVICES_PER_HOUR: '100000' }, add: (f) => figures.push(f) });
console.table(figures);
