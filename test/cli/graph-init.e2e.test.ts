// The built CLI, spawned: blast graph, blast init, and a report piped into a reader that stops
// early.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createFixtureRepo, gitRepo } from '../helpers/git-repo.js';
import { BLAST_BIN, runCli } from '../helpers/run-cli.js';

const slow = { tags: ['slow'] };
const hasDot = spawnSync('dot', ['-V'], { encoding: 'utf8' }).error === undefined;

describe('blast graph', () => {
  test('prints the radius as dot by default, and exits 0 even when the policy fails', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    writeFileSync(join(repo.cwd, 'strict.yml'), 'version: 1\nthresholds:\n  fail: { files: 3 }\n');
    const run = await runCli(['graph', '--policy', 'strict.yml'], repo);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.startsWith('digraph blast {\n')).toBe(true);
    expect(run.stdout).toContain('"src/money/format.ts#formatPrice" [label="formatPrice\\nfunction · modified (signature)"');
    expect(run.stdout).toContain('"src/server.ts#routes" -> "src/checkout/checkout.ts#renderCheckout";');
    if (hasDot) {
      const svg = spawnSync('dot', ['-Tsvg'], { input: run.stdout, encoding: 'utf8' });
      expect(svg.status).toBe(0);
      expect(svg.stderr).toBe('');
    }
  });

  test('--format mermaid and --max-nodes', slow, async () => {
    const repo = await createFixtureRepo('demo-shop');
    const mermaid = await runCli(['graph', '--format', 'mermaid'], repo);
    expect(mermaid.exitCode).toBe(0);
    expect(mermaid.stdout).toMatch(/^---\ntitle: "blast radius of 2 changed symbols: [^\n]*\n---\nflowchart RL\n/);
    const capped = await runCli(['graph', '--max-nodes', '4'], repo);
    expect(capped.exitCode).toBe(0);
    expect(capped.stdout).toContain('the nearest 2 drawn');
    expect(capped.stdout).toContain('… and 4 more symbols in 4 files at depth 2');
  });

  test('a format graph cannot draw, or a bad --max-nodes, is a usage error', slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    expect(await runCli(['graph', '--format', 'json'], repo)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: "blast: option '--format <format>' argument 'json' is invalid. Allowed choices are dot, mermaid. (see 'blast graph --help')\n",
    });
    expect(await runCli(['graph', '--max-nodes', '0'], repo)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: "blast: --max-nodes must be a whole number above 0, got '0'\n",
    });
  });
});

describe('blast init', () => {
  test('writes the starter, says what it chose on stderr, and refuses to overwrite without --force', slow, async () => {
    const repo = await gitRepo({ base: { 'package.json': '{}\n', 'src/a.ts': 'export const a = 1;\n', 'src/a.test.ts': "import { a } from './a';\n" } });
    const first = await runCli(['init'], repo);
    expect(first).toEqual({
      exitCode: 0,
      stdout: '',
      stderr: [
        'blast: wrote .blast.yml',
        '  thresholds  warn above 10 affected files, fail above 50 or a score of 200 (2 code files)',
        '  tests       **/*.test.*',
        'next: read it, uncomment what fits, then run `blast check` and commit .blast.yml',
        '',
      ].join('\n'),
    });
    const written = readFileSync(join(repo.cwd, '.blast.yml'), 'utf8');

    writeFileSync(join(repo.cwd, '.blast.yml'), 'version: 1 # mine\n');
    expect(await runCli(['init'], repo)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: "blast: '.blast.yml' already exists; run `blast init --force` to replace it (the current file is kept as .blast.yml.bak)\n",
    });
    const forced = await runCli(['init', '--force', '--cwd', 'src'], repo);
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr.split('\n')[0]).toBe('blast: wrote .blast.yml (the previous one is kept as .blast.yml.bak)');
    expect(readFileSync(join(repo.cwd, '.blast.yml.bak'), 'utf8')).toBe('version: 1 # mine\n');
    expect(readFileSync(join(repo.cwd, '.blast.yml'), 'utf8')).toBe(written);

    // The starter is a policy blast runs with.
    const check = await runCli(['check', '--format', 'json'], repo);
    expect(check.exitCode).toBe(0);
    expect(JSON.parse(check.stdout).policy).toEqual({ path: '.blast.yml', source: 'worktree' });
  });
});

describe('a report piped into a reader that stops early', () => {
  test('blast exits quietly with the verdict code, without an EPIPE stack trace', slow, async () => {
    // Far more than a pipe holds (64 KiB): `head` exits while blast is still writing.
    const callers = Array.from({ length: 1500 }, (_, i) => `export function caller${i}() { return base(); }`).join('\n');
    // The built-in policy fails 1,500 affected symbols on their score; this one only on files.
    const policy = 'version: 1\nthresholds:\n  fail: { files: 150 }\n';
    const repo = await gitRepo({
      base: { '.blast.yml': policy, 'tsconfig.json': '{}\n', 'src/base.ts': 'export function base() { return 1; }\n', 'src/callers.ts': `import { base } from './base';\n${callers}\n` },
      head: { '.blast.yml': policy, 'tsconfig.json': '{}\n', 'src/base.ts': 'export function base() { return 2; }\n', 'src/callers.ts': `import { base } from './base';\n${callers}\n` },
    });
    const piped = (command: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        // The subshell reports blast's own exit code on stderr; the pipeline's is head's.
        const child = spawn('sh', ['-c', `(node "${BLAST_BIN}" ${command}; echo "blast exited $?" >&2) | head -1`], { cwd: repo.cwd, env: { ...repo.env, NO_COLOR: '1' } });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });

    const json = await piped('check --format json');
    expect(json).toEqual({ code: 0, stdout: '{\n', stderr: 'blast exited 0\n' });

    writeFileSync(join(repo.cwd, 'strict.yml'), 'version: 1\nthresholds:\n  fail: { symbols: 10 }\n');
    const failing = await piped('check --format json --policy strict.yml');
    expect(failing).toEqual({ code: 0, stdout: '{\n', stderr: 'blast exited 1\n' });

    const text = await piped('check --verbose');
    expect(text.stderr).toBe('blast exited 0\n');
    expect(text.stdout).toMatch(/^base +main /);
  });
});
