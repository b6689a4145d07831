// blast check, spawned, on a monorepo whose tsconfigs need reading whole: a solution root,
// Vite-style app configs, bases named by package (one on disk in node_modules, one a
// workspace package), package `exports` and `imports` under customConditions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Result } from '../../src/types.js';
import { createFixtureRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const slow = { tags: ['slow'] };

async function solutionRepo() {
  const repo = await createFixtureRepo('solution-references');
  // Installed, not committed: the fixture's .gitignore keeps node_modules out of git.
  const shared = join(repo.cwd, 'node_modules/@tsconfig/node20');
  mkdirSync(shared, { recursive: true });
  writeFileSync(join(shared, 'package.json'), JSON.stringify({ name: '@tsconfig/node20', version: '20.1.4' }));
  writeFileSync(join(shared, 'tsconfig.json'), JSON.stringify({ compilerOptions: { lib: ['es2023'], module: 'node16', target: 'es2022' } }));
  return repo;
}

describe('blast check on project layouts, end to end', () => {
  test('each file resolves under the referenced project that includes it', slow, async () => {
    const repo = await solutionRepo();
    const run = await runCli(['check', '--committed', '--format', 'json'], repo);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as Result;
    expect(result.changes.map((change) => change.id)).toEqual(['packages/clock/src/internal/now.ts#now']);
    expect(result.affected.symbols.map((symbol) => `${symbol.id} ${symbol.depth} ${symbol.via}`)).toEqual([
      'apps/web/src/banner.ts#banner 1 packages/clock/src/internal/now.ts#now',
      'apps/web/src/main.ts#render 2 apps/web/src/banner.ts#banner',
      'apps/web/vite.config.ts#default 1 packages/clock/src/internal/now.ts#now',
    ]);
    expect(result.affected.packages).toEqual(['@acme/clock', '@acme/web']);
    expect(result.stats.unresolvedImports).toBe(0);
  });

  test('a base config that is not JSON: one line with its file:line:col, exit 2', slow, async () => {
    const repo = await solutionRepo();
    writeFileSync(join(repo.cwd, 'packages/tsconfig/base.json'), '{\n  "compilerOptions": { "strict": true,, }\n}\n');
    const run = await runCli(['check'], repo);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('blast: packages/tsconfig/base.json:2:39: property assignment expected\n');
  });
});
