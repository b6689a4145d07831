// affected.entryPoints: what the packages publish through exports, main, types and bin (DESIGN §2 Lists).
import { describe, expect, test } from 'vitest';
import { analyze } from '../../src/run.js';
import { gitRepo } from '../helpers/git-repo.js';
import { affectedOf } from './summary.js';

const slow = { tags: ['slow'] };
const tsconfig = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } });

describe('entry points', () => {
  test('a root package built into distribution/ publishes what source/ declares', slow, async () => {
    const files = (body: string) => ({
      'package.json': JSON.stringify({ name: 'lib', type: 'module', main: './distribution/index.js', exports: { types: './distribution/index.d.ts', default: './distribution/index.js' } }),
      'tsconfig.json': tsconfig,
      'source/index.ts': "export { request } from './request.js';\n",
      'source/request.ts': `export function request(url: string) { return ${body}; }\n`,
    });
    const repo = await gitRepo({ base: files('url'), head: files('url.trim()') });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(result.affected.entryPoints).toEqual(['source/request.ts#request']);
    expect(result.stats.entryPoints).toBe(1);
  });

  test("a workspace package whose build has subfolders of its own (dist/prod/, dist/types/<package>/src/) publishes what its src/ declares", slow, async () => {
    const files = (body: string) => ({
      'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }),
      'tsconfig.json': tsconfig,
      'packages/common/package.json': JSON.stringify({
        name: '@acme/common',
        type: 'module',
        main: './dist/prod/index.js',
        types: './dist/types/common/src/index.d.ts',
        exports: { '.': { types: './dist/types/common/src/index.d.ts', default: './dist/prod/index.js' } },
      }),
      'packages/common/src/index.ts': "export { clamp } from './clamp.js';\n",
      'packages/common/src/clamp.ts': `export function clamp(value: number) { return ${body}; }\n`,
    });
    const repo = await gitRepo({ base: files('value'), head: files('Math.max(0, value)') });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(result.affected.entryPoints).toEqual(['packages/common/src/clamp.ts#clamp']);
  });

  test('symbols a workspace package exports through nested exports conditions, main and bin, followed through barrels', slow, async () => {
    const files = (body: string) => ({
      'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }),
      'tsconfig.json': tsconfig,
      'packages/core/package.json': JSON.stringify({
        name: '@acme/core',
        type: 'module',
        main: './dist/index.js',
        exports: { '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' } }, './format': './dist/format.js', './icons/*': './dist/icons/*.js' },
        bin: { acme: './dist/cli.js' },
      }),
      'packages/core/src/index.ts': "export { parse } from './parse.js';\nexport * as text from './text.js';\n",
      'packages/core/src/parse.ts': `import { normalize } from './text.js';\nexport function parse(input: string) { return normalize(input); }\nexport function internal() { return 1; }\n`,
      'packages/core/src/text.ts': `export function normalize(input: string) { return ${body}; }\n`,
      'packages/core/src/format.ts': "import { parse } from './parse.js';\nexport const format = (input: string) => parse(input);\n",
      'packages/core/src/icons/star.ts': "import { normalize } from '../text.js';\nexport const star = normalize('*');\n",
      'packages/core/src/hidden.ts': "import { normalize } from './text.js';\nexport const hidden = normalize('h');\n",
      'packages/core/src/cli.ts': "import { parse } from './index.js';\nconsole.log(parse(process.argv[2] ?? ''));\n",
    });
    const repo = await gitRepo({ base: files('input.trim()'), head: files('input.trim().normalize()') });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(affectedOf(result)).toEqual([
      'packages/core/src/cli.ts#<module> 2 packages/core/src/parse.ts#parse runtime',
      'packages/core/src/format.ts#format 2 packages/core/src/parse.ts#parse runtime',
      'packages/core/src/hidden.ts#hidden 1 packages/core/src/text.ts#normalize runtime',
      'packages/core/src/icons/star.ts#star 1 packages/core/src/text.ts#normalize runtime',
      'packages/core/src/parse.ts#parse 1 packages/core/src/text.ts#normalize runtime',
    ]);
    // normalize: changed, and published as `text.normalize`; hidden.ts is published by nothing.
    expect(result.affected.entryPoints).toEqual([
      'packages/core/src/cli.ts#<module>',
      'packages/core/src/format.ts#format',
      'packages/core/src/icons/star.ts#star',
      'packages/core/src/parse.ts#parse',
      'packages/core/src/text.ts#normalize',
    ]);
    expect(result.stats.entryPoints).toBe(5);
    // Five affected symbols and five entry points at 25 each.
    expect(result.score).toBe(5 + 5 * 25);
  });

  test("the root package's main, mapped from lib/ back to src/; the policy's entryPoints limit applies", slow, async () => {
    const files = (body: string) => ({
      'package.json': JSON.stringify({ name: 'single', main: 'lib/index.js', types: 'lib/index.d.ts' }),
      'tsconfig.json': tsconfig,
      '.blast.yml': 'version: 1\nthresholds:\n  fail: { entryPoints: 0 }\n',
      'src/index.ts': "export { helper as publicHelper } from './helper.js';\n",
      'src/helper.ts': `export function helper() { return ${body}; }\n`,
    });
    const repo = await gitRepo({ base: files('1'), head: files('2') });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(result.affected.entryPoints).toEqual(['src/helper.ts#helper']);
    expect(result.findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.message}`)).toEqual([
      'error thresholds.entryPoints 1 affected entry point, above the fail limit of 0',
    ]);
    expect(result.verdict).toBe('fail');
  });
});
