import { zipSync, strToU8 } from 'fflate';
import { writeFileSync } from 'node:fs';
const manifest = strToU8(JSON.stringify({ app: 'image-api-playground', kind: 'gallery-export', version: 1, jobs: [], images: { a: { file: 'images/a.png', sha256: '00' } }, inputs: {}, comparisons: [] }));
const zeros = new Uint8Array(1200 * 1024 * 1024);
writeFileSync('/tmp/i22/bomb.zip', zipSync({ 'manifest.json': manifest, 'images/a.png': zeros }, { level: 9 }));
