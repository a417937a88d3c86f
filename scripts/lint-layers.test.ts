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

  it('fails a lower layer reaching up', async () => {
    expect(await layerErrors('src/job-store/probe.ts', "import * as m from '../features/jobs/job-card';\nexport const x = m;\n")).toHaveLength(1);
    expect(await layerErrors('src/api/probe.ts', "import * as m from '../job-store/store';\nexport const x = m;\n")).toHaveLength(1);
  });
});
