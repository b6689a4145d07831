// A monorepo without path aliases: the radius crosses packages by name, and counts them.
import { expect, test } from 'vitest';
import { analyze } from '../../src/run.js';
import { gitRepo } from '../helpers/git-repo.js';
import { affectedOf } from './summary.js';

const files = {
  'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
  'packages/core/package.json': JSON.stringify({ name: '@acme/core', type: 'module', main: 'dist/index.js', types: 'dist/index.d.ts' }),
  'packages/core/src/index.ts': "export { parse } from './parse.js';\n",
  'packages/core/src/parse.ts': 'export function parse(text: string) { return text.trim(); }\n',
  'packages/ui/package.json': JSON.stringify({ name: '@acme/ui', type: 'module', exports: { '.': './dist/index.js' } }),
  'packages/ui/src/index.ts': "import { parse } from '@acme/core';\nexport const title = (text: string) => parse(text).toUpperCase();\n",
  'packages/docs/package.json': JSON.stringify({ name: '@acme/docs', type: 'module' }),
  'packages/docs/src/index.ts': 'export const docs = 1;\n',
};

test('a change in one workspace package reaches another by name; affected.packages and the score count them', { tags: ['slow'] }, async () => {
  const repo = await gitRepo({ base: files, head: { ...files, 'packages/core/src/parse.ts': 'export function parse(text: string) { return text.trim().normalize(); }\n' } });
  const result = await analyze({ cwd: repo.cwd, env: repo.env });
  expect(affectedOf(result)).toEqual(['packages/ui/src/index.ts#title 1 packages/core/src/parse.ts#parse runtime']);
  expect(result.affected.packages).toEqual(['@acme/core', '@acme/ui']);
  expect(result.stats.affectedPackages).toBe(2);
  expect(result.stats.unresolvedImports).toBe(0);
  // Both publish what they hold: core's main (dist/index.js, built from src/index.ts) re-exports parse, ui's exports hold title.
  expect(result.affected.entryPoints).toEqual(['packages/core/src/parse.ts#parse', 'packages/ui/src/index.ts#title']);
  // One affected symbol, plus 10 for @acme/ui, a package other than the changed one, plus 25 for each entry point.
  expect(result.score).toBe(61);
});
