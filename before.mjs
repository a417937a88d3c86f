import { unzipSync } from 'fflate'; import { readFileSync } from 'node:fs';
const z = readFileSync('/tmp/i22/bomb.zip'); const t = performance.now();
const f = unzipSync(z); console.log('before: zip', z.length, 'B; entries', Object.keys(f).length, 'time', Math.round(performance.now() - t), 'ms; peak rss', Math.round(process.resourceUsage().maxRSS / 1024), 'MB');
