// package.json dependency changes reach the code importing the package (DESIGN §2 Non-code inputs).
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/run.js';
import { gitRepo } from '../helpers/git-repo.js';
import { affectedOf, changesOf } from './summary.js';

const slow = { tags: ['slow'] };
const tsconfig = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } });
const manifest = (fields: Record<string, unknown>) => `${JSON.stringify({ name: 'app', type: 'module', ...fields }, null, 2)}\n`;

const code = {
  'tsconfig.json': tsconfig,
  'src/search.ts': "import { debounce } from 'lodash';\nexport function search(query: string) { return debounce(() => query, 10); }\nexport const unrelated = 1;\n",
  'src/page.ts': "import { search } from './search.js';\nexport function page() { return search('x'); }\n",
  'src/fp.ts': "import * as fp from 'lodash/fp';\nexport const pick = fp.pick;\n",
  'src/polyfill.ts': "import 'lodash';\nexport const ready = true;\n",
  'src/lazy.ts': "export async function later() { return import('lodash'); }\n",
  'src/view.tsx': "import React from 'react';\nexport const View = () => React.createElement('div');\n",
  'src/plain.ts': 'export const plain = 2;\n',
};

/** What a lodash change reaches in `code`: every use but `unrelated`, and `page` through `search`. */
const lodashUsers = [
  'src/fp.ts#pick 1 package.json#dependencies.lodash package',
  'src/lazy.ts#later 1 package.json#dependencies.lodash package',
  'src/page.ts#page 2 src/search.ts#search runtime',
  'src/polyfill.ts#<module> 1 package.json#dependencies.lodash package',
  'src/search.ts#search 1 package.json#dependencies.lodash package',
];

describe('package.json dependency changes', () => {
  test('a bumped dependency reaches the declarations using its bindings, and the walk goes on from them', slow, async () => {
    const repo = await gitRepo({
      base: { ...code, 'package.json': manifest({ dependencies: { lodash: '^4.17.20', react: '^18.0.0' } }) },
      head: { ...code, 'package.json': manifest({ dependencies: { lodash: '^4.17.21', react: '^18.0.0' } }) },
    });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(changesOf(result)).toEqual([]);
    expect(affectedOf(result)).toEqual(lodashUsers);
    expect(result.affected.files).toEqual(['src/fp.ts', 'src/lazy.ts', 'src/page.ts', 'src/polyfill.ts', 'src/search.ts']);
    expect(result.stats.maxDepth).toBe(2);
  });

  test('added and removed dependencies, @types packages and moves between sections count; scripts and version do not', slow, async () => {
    const repo = await gitRepo({
      base: { ...code, 'package.json': manifest({ version: '1.0.0', scripts: { build: 'tsc' }, dependencies: { lodash: '^4.17.20' }, devDependencies: { '@types/react': '18.0.0' } }) },
      head: { ...code, 'package.json': manifest({ version: '1.1.0', scripts: { build: 'tsc -b' }, dependencies: { react: '^18.0.0' }, devDependencies: { lodash: '^4.17.20', '@types/react': '18.2.0' } }) },
    });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(affectedOf(result)).toEqual([
      ...lodashUsers,
      'src/view.tsx#View 1 package.json#dependencies.react package',
    ]);
  });

  test('only scripts and version changed: no radius', slow, async () => {
    const repo = await gitRepo({
      base: { ...code, 'package.json': manifest({ version: '1.0.0', scripts: { test: 'vitest' }, dependencies: { lodash: '^4.17.20' } }) },
      head: { ...code, 'package.json': manifest({ version: '2.0.0', scripts: { test: 'vitest run' }, dependencies: { lodash: '^4.17.20' } }) },
    });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(result.affected.symbols).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  test('a workspace package manifest governs its own files only, not a nested or sibling package nor the root', slow, async () => {
    const files = (zod: string) => ({
      'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'], devDependencies: { zod: '3.0.0' } }),
      'tsconfig.json': tsconfig,
      'scripts/check.ts': "import { z } from 'zod';\nexport const schema = z.string();\n",
      'packages/app/package.json': JSON.stringify({ name: '@acme/app', type: 'module', dependencies: { zod } }),
      'packages/app/src/form.ts': "import { z } from 'zod';\nexport const form = z.object({});\n",
      'packages/app/fixtures/inner/package.json': JSON.stringify({ name: 'inner-fixture', dependencies: { zod: '3.0.0' } }),
      'packages/app/fixtures/inner/use.ts': "import { z } from 'zod';\nexport const inner = z.number();\n",
      'packages/lib/package.json': JSON.stringify({ name: '@acme/lib', type: 'module', dependencies: { zod: '3.0.0' } }),
      'packages/lib/src/model.ts': "import { z } from 'zod';\nexport const model = z.string();\n",
    });
    const repo = await gitRepo({ base: files('3.0.0'), head: files('3.1.0') });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(affectedOf(result)).toEqual(['packages/app/src/form.ts#form 1 packages/app/package.json#dependencies.zod package']);
    expect(result.affected.packages).toEqual(['@acme/app']);
  });
});
