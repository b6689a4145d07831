// A monorepo without path aliases or node_modules: workspace packages by name resolve to their source.
import { describe, expect, test } from 'vitest';
import { edgesOf, graphOf } from './graph-of.js';

describe('workspace packages', () => {
  test('imports by package name reach the source behind main, exports and subpaths', async () => {
    const graph = await graphOf({
      'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }),
      'packages/core/package.json': JSON.stringify({ name: '@acme/core', main: 'dist/index.js', types: 'dist/index.d.ts' }),
      'packages/core/src/index.ts': "export { parse } from './parse';\n",
      'packages/core/src/parse.ts': 'export function parse(text: string) { return text.trim(); }\n',
      'packages/ui/package.json': JSON.stringify({ name: '@acme/ui', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './button': './dist/button.js' } }),
      'packages/ui/src/index.ts': "import { parse } from '@acme/core';\nexport const title = (text: string) => parse(text).toUpperCase();\n",
      'packages/ui/src/button.ts': 'export const Button = () => null;\n',
      'apps/web/src/page.ts': "import { title } from '@acme/ui';\nimport { Button } from '@acme/ui/button';\nexport const page = () => [title('x'), Button()];\n",
    });
    expect(edgesOf(graph)).toEqual([
      'apps/web/src/page.ts#page -> packages/ui/src/button.ts#Button (runtime)',
      'apps/web/src/page.ts#page -> packages/ui/src/index.ts#title (runtime)',
      'packages/ui/src/index.ts#title -> packages/core/src/parse.ts#parse (runtime)',
    ]);
    expect(graph.unresolvedImports).toEqual([]);
  });
});
