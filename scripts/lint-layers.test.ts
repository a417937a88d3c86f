/**
 * The layers are enforced by `npm run lint`: these imports, linted with the
 * project's own ESLint config as if they were files of the app, pass or fail.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

describe('layers (eslint-plugin-boundaries)', { timeout: 60_000 }, () => {
  it('fails a feature that imports another feature', async () => {
    const errors = await layerErrors('src/features/gallery/probe.ts', "import { JobCard } from '../jobs/job-card';\nexport const x = JobCard;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/feature/);
    const typeOnly = await layerErrors('src/features/compare/probe.ts', "import type { GalleryTile } from '../gallery/gallery-tiles';\nexport type X = GalleryTile;\n");
    expect(typeOnly).toHaveLength(1);
  });

  it('lets a feature import its own files and the layers below it', async () => {
    const code = [
      "import { toTiles } from './gallery-tiles';",
      "import { getJob } from '../../job-store/store';",
      "import { StatusBadge } from '../../components/ui/status-badge';",
      "import { send } from '../../api/http';",
      "import { getProvider } from '../../providers/registry';",
      'export const x = [toTiles, getJob, StatusBadge, send, getProvider];',
      '',
    ].join('\n');
    expect(await layerErrors('src/features/gallery/probe.ts', code)).toEqual([]);
  });

  it('fails src/providers importing anything of the app outside itself', async () => {
    for (const target of ['../../lib/random', '../../api/http', '../../job-store/store', '../../features/params/generated-form']) {
      const errors = await layerErrors('src/providers/segmind/probe.ts', `import * as m from '${target}';\nexport const x = m;\n`);
      expect(errors, target).toHaveLength(1);
    }
    expect(await layerErrors('src/providers/segmind/probe.ts', "import { z } from 'zod';\nimport { param } from '../param';\nexport const x = [z, param];\n")).toEqual([]);
  });

  it('fails the twins importing src/, and lets them use the server and packages', async () => {
    const errors = await layerErrors('server/sandbox/probe.ts', "import { getProvider } from '../../src/providers/registry';\nexport const x = getProvider;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/sandbox.*providers/);
    const ok = "import { isLoopbackHostHeader } from '../callers';\nimport jpeg from 'jpeg-js';\nimport { createServer } from 'node:http';\nexport const x = [isLoopbackHostHeader, jpeg, createServer];\n";
    expect(await layerErrors('server/sandbox/probe.ts', ok)).toEqual([]);
    // The server itself reads the registry (the proxy's hosts).
    expect(await layerErrors('server/probe.ts', "import { proxyTargets } from '../src/providers/proxy-targets';\nexport const x = proxyTargets;\n")).toEqual([]);
  });

  it('lets providers and lib import zod (and fflate) and no other package', async () => {
    for (const [file, pkg] of [
      ['src/providers/segmind/probe.ts', 'react'],
      ['src/providers/segmind/probe.ts', 'node:zlib'],
      ['src/lib/probe.ts', 'idb'],
      ['src/lib/inpaint/probe.ts', 'konva'],
    ] as const) {
      const errors = await layerErrors(file, `import * as m from '${pkg}';\nexport const x = m;\n`);
      expect(errors, `${file} → ${pkg}`).toHaveLength(1);
    }
    expect(await layerErrors('src/lib/probe.ts', "import { z } from 'zod';\nexport const x = z;\n")).toEqual([]);
    // Their tests may use the test tools and node.
    expect(await layerErrors('src/lib/probe.test.ts', "import { it } from 'vitest';\nimport { gzipSync } from 'node:zlib';\nexport const x = [it, gzipSync];\n")).toEqual([]);
    // The layers above use packages freely.
    expect(await layerErrors('src/features/gallery/probe.ts', "import { useState } from 'react';\nexport const x = useState;\n")).toEqual([]);
  });

  it('puts the root files of src/ in the app layer', async () => {
    expect(await layerErrors('src/probe.ts', "import { App } from './app/app';\nexport const x = App;\n")).toEqual([]);
    expect(await layerErrors('src/probe.ts', "import * as m from '../server/callers';\nexport const x = m;\n")).toHaveLength(1);
    expect(await layerErrors('src/lib/probe.ts', "import * as m from '../main';\nexport const x = m;\n")).toHaveLength(1);
  });

  it('fails a lower layer reaching up', async () => {
    expect(await layerErrors('src/job-store/probe.ts', "import * as m from '../features/jobs/job-card';\nexport const x = m;\n")).toHaveLength(1);
    expect(await layerErrors('src/api/probe.ts', "import * as m from '../job-store/store';\nexport const x = m;\n")).toHaveLength(1);
  });
});
