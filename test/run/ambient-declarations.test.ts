// Ambient declarations are used without imports: a change to them is a trigger, not a radius.
import { describe, expect, test } from 'vitest';
import { affected, analyze } from '../../src/run.js';
import { gitRepo } from '../helpers/git-repo.js';
import { affectedOf, changesOf } from './summary.js';

const slow = { tags: ['slow'] };
const code = {
  'package.json': JSON.stringify({ name: 'app', type: 'module' }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
  'src/app.ts': 'export const title = window.appTitle;\nexport const env = process.env.MODE;\n',
  'src/types.d.ts': 'export interface Options { mode: string }\n',
  'src/use-options.ts': "import type { Options } from './types.js';\nexport const options: Options = { mode: 'a' };\n",
  'test/app.test.ts': "import { title } from '../src/app.js';\nexport const check = title;\n",
};

describe('ambient declarations', () => {
  test('a global .d.ts script and a declare global block: a triggers finding naming both', slow, async () => {
    const globals = (type: string) => ({
      ...code,
      'src/env.d.ts': `declare const BUILD_ID: ${type};\n`,
      'src/window.ts': `export {};\ndeclare global {\n  interface Window { appTitle: ${type} }\n}\n`,
    });
    const repo = await gitRepo({ base: globals('string'), head: globals('number') });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(changesOf(result)).toEqual(['src/env.d.ts#BUILD_ID modified/signature', 'src/window.ts#global modified/signature']);
    expect(result.findings).toEqual([
      {
        rule: 'triggers',
        severity: 'warn',
        message: 'global declarations, used without imports, so their users are not in the radius: src/env.d.ts and src/window.ts changed',
        file: 'src/env.d.ts',
      },
    ]);
    expect(result.verdict).toBe('warn');
    // The radius is unknowable: `--fallback all` lists every test.
    expect((await affected({ cwd: repo.cwd, env: repo.env, tests: true, fallback: 'all' })).files).toEqual(['test/app.test.ts']);
  });

  test('a .d.ts module with exports is code like any other: a radius, no finding', slow, async () => {
    const repo = await gitRepo({ base: code, head: { ...code, 'src/types.d.ts': 'export interface Options { mode: string; strict?: boolean }\n' } });
    const result = await analyze({ cwd: repo.cwd, env: repo.env });
    expect(affectedOf(result)).toEqual(['src/use-options.ts#options 1 src/types.d.ts#Options type']);
    expect(result.findings).toEqual([]);
  });
});
