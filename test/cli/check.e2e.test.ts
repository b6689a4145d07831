// The built CLI, spawned, for each exit code of DESIGN §4.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Result } from '../../src/types.js';
import { createFixtureRepo, gitRepo, plainDirectory, shallowClone } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const slow = { tags: ['slow'] };

describe('blast check, end to end', () => {
  test('exit 0 with a text report when the policy passes or warns', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    const run = await runCli(['check'], repo);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('src/money/format.ts');
    expect(run.stdout).toContain('9 affected files, above the warn limit of 5');
    expect(run.stdout).toMatch(/WARN/);
    expect(run.stdout.endsWith('\n')).toBe(true);
  });

  test('exit 1 when the policy fails the change', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    writeFileSync(join(repo.cwd, 'strict.yml'), 'version: 1\nthresholds:\n  fail: { files: 3 }\n');
    const run = await runCli(['check', '--policy', 'strict.yml'], repo);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('9 affected files, above the fail limit of 3');
    expect(run.stdout).toMatch(/FAIL/);

    const observed = await runCli(['check', '--policy', 'strict.yml', '--observe'], repo);
    expect(observed.exitCode).toBe(0);
    expect(observed.stdout).toMatch(/FAIL/);
  });

  test('--format json prints only the result document', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    const run = await runCli(['check', '--format', 'json'], repo);
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as Result;
    expect(Object.keys(result)).toEqual([
      'schemaVersion', 'tool', 'base', 'head', 'policy', 'changes', 'affected', 'stats', 'score', 'scoreVersion',
      'risk', 'provenance', 'approvals', 'findings', 'verdict', 'timingsMs',
    ]);
    expect(result.base).toEqual({ ref: 'main', sha: repo.baseSha, mergeBase: repo.baseSha, reason: "default branch 'main'" });
    expect(result.head).toEqual({ ref: 'feature', sha: repo.headSha, worktree: true });
    expect(result.policy).toEqual({ path: null, source: 'default' });
    expect(result.affected.files).toEqual(['src/cart.ts', 'src/checkout.ts', 'test/cart.test.ts']);
    expect(result.affected).toMatchObject({ packages: [], entryPoints: [], owners: [] });
    expect(result.provenance).toEqual({ aiAssisted: false, evidence: [] });
    expect(result.approvals).toEqual([]);
    expect(result.score).toBe(3);
    expect(result.risk).toBe('low');
  });

  test('the same input gives byte-identical JSON apart from timings', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    const strip = (text: string) => JSON.stringify({ ...(JSON.parse(text) as Result), timingsMs: {} });
    const first = await runCli(['check', '--format', 'json'], repo);
    const second = await runCli(['check', '--format', 'json'], repo);
    expect(strip(first.stdout)).toBe(strip(second.stdout));
  });

  test('an unknown flag is a usage error, exit 2, one line', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    const run = await runCli(['check', '--frobnicate'], repo);
    expect(run).toEqual({ exitCode: 2, stdout: '', stderr: "blast: unknown option '--frobnicate' (see 'blast check --help')\n" });
    const format = await runCli(['check', '--format', 'yaml'], repo);
    expect(format.exitCode).toBe(2);
    expect(format.stderr).toBe("blast: option '--format <format>' argument 'yaml' is invalid. Allowed choices are text, json, markdown, github, sarif, dot, mermaid. (see 'blast check --help')\n");
  });

  test('outside a git repository: exit 2 and what to do', slow, async () => {
    const { cwd, env } = plainDirectory();
    const run = await runCli(['check', '--format', 'json'], { cwd, env });
    expect(run).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `blast: not a git repository: '${cwd}'; run blast inside a git working tree, or pass --cwd <dir>\n`,
    });
  });

  test('an unknown base ref: exit 2 and how to fetch it', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    const run = await runCli(['check', '--base', 'origin/release'], repo);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe("blast: base ref 'origin/release' not found; fetch it first (`git fetch origin release`)\n");
  });

  test('a shallow clone without the merge base: exit 2 naming fetch-depth: 0 and git fetch --unshallow', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    repo.write({ 'src/cart.ts': '// one more commit on main\n' });
    repo.git(['checkout', '-q', 'main']);
    repo.commit('main moves on');
    repo.git(['checkout', '-q', 'feature']);
    const clone = await shallowClone(repo.cwd, 1);
    expect(clone.git(['branch', '--show-current'])).toBe('feature');
    // The clone's origin answers, so blast may deepen; make it unreachable to see the error.
    clone.git(['remote', 'set-url', 'origin', join(clone.cwd, 'gone')]);
    const run = await runCli(['check'], clone);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('shallow clone');
    expect(run.stderr).toContain('git fetch --unshallow');
    expect(run.stderr).toContain('fetch-depth: 0');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('an invalid policy: every problem with file:line:col, exit 2', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    writeFileSync(join(repo.cwd, '.blast.yml'), 'version: 1\nthreshold:\n  fail: { files: lots }\n');
    const run = await runCli(['check'], repo);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(".blast.yml:2:1: error: unknown key 'threshold'; did you mean 'thresholds'?\nblast: .blast.yml has 1 error\n");
  });

  test('warnings, not errors: no tsconfig, a file of the radius that does not parse, imports that resolve nowhere', slow, async () => {
    const repo = await gitRepo({
      base: {
        'src/a.ts': 'export function a() { return 1; }\n',
        'src/b.ts': "import { a } from './a';\nimport { gone } from './missing';\nexport const b = () => a() + gone;\n",
        'src/broken.ts': "import { a } from './a';\nexport const broken = a() +;\nexport function later( {\n",
        'src/elsewhere.ts': 'export function elsewhere( {\n',
      },
      head: {
        'src/a.ts': 'export function a() { return 2; }\n',
        'src/b.ts': "import { a } from './a';\nimport { gone } from './missing';\nexport const b = () => a() + gone;\n",
        'src/broken.ts': "import { a } from './a';\nexport const broken = a() +;\nexport function later( {\n",
        'src/elsewhere.ts': 'export function elsewhere( {\n',
      },
    });
    const run = await runCli(['check', '--format', 'json'], repo);
    expect(run.exitCode).toBe(0);
    expect(run.stderr.split('\n')).toEqual([
      'warning: no tsconfig.json found; resolving imports with default options',
      // elsewhere.ts cannot reach the change: it is skimmed for imports, never parsed.
      'warning: 1 file does not parse; analysed as far as they parse: src/broken.ts:2:28: Expression expected.',
      'warning: 1 import resolves nowhere (--verbose lists them)',
      '',
    ]);
    const result = JSON.parse(run.stdout) as Result;
    // Analysed as far as it parses: the use of `a` before the error counts.
    expect(result.affected.files).toEqual(['src/b.ts', 'src/broken.ts']);
    expect(result.stats).toMatchObject({ unresolvedImports: 1, unparsedFiles: ['src/broken.ts'] });
    // Warm, the facts stay in the cache: the syntax error is still reported, from what it kept.
    const warm = await runCli(['check', '--format', 'json'], repo);
    expect(warm.stderr).toBe(run.stderr);
    expect((JSON.parse(warm.stdout) as Result).stats).toMatchObject({ unresolvedImports: 1, unparsedFiles: ['src/broken.ts'] });

    const verbose = await runCli(['check', '--verbose', '--format', 'json'], repo);
    expect(verbose.stderr).toContain("src/b.ts:2: unresolved import './missing'\n");
  });

  test('--help and --version exit 0', slow, async () => {
    const { cwd, env } = plainDirectory();
    const help = await runCli(['check', '--help'], { cwd, env });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--base <ref>');
    const version = await runCli(['--version'], { cwd, env });
    expect(version).toMatchObject({ exitCode: 0, stdout: '0.1.0\n' });
  });

  test('a crash is exit 2 with a report line, never Node\'s exit 1', slow, async () => {
    const { cwd, env } = plainDirectory();
    // A real uncaught error inside the CLI process, thrown once bin/blast.js has installed its handlers.
    const preload = `const on = process.on.bind(process);
      process.on = (event, listener) => {
        on(event, listener);
        if (event === 'unhandledRejection') setImmediate(() => { throw new Error('boom'); });
        return process;
      };`;
    const run = await runCli(['check'], { cwd, env: { ...env, NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(preload)}` } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('blast: internal error: boom\n');
    expect(run.stderr).not.toContain('    at ');
  });
});
