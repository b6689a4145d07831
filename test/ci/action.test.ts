// The Action's shell steps, run as GitHub's runner would run them (bash -eo pipefail, inputs
// and step outputs substituted, GITHUB_* files) for a pull request whose checkout is GitHub's
// synthetic merge commit. The `uses:` steps (setup-node, upload-sarif) are GitHub's own.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { createFixtureRepo, type TestRepo } from '../helpers/git-repo.js';
import { BLAST_BIN } from '../helpers/run-cli.js';
import { addBareRemote } from '../hook/bare-remote.js';

const ACTION = fileURLToPath(new URL('../../action.yml', import.meta.url));

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(ACTION, 'utf8')) as Action;

/** `${{ … }}` and `if:` the way the runner evaluates the few expressions the Action uses. */
function expressions(inputs: Record<string, string>, outputs: Record<string, string>, runnerTemp: string) {
  const value = (name: string): string => {
    const input = /^inputs\.([\w-]+)$/.exec(name);
    if (input) return inputs[input[1]!] ?? '';
    const output = /^steps\.(\w+)\.outputs\.([\w-]+)$/.exec(name);
    if (output) return outputs[`${output[1]}.${output[2]}`] ?? '';
    if (name === 'runner.temp') return runnerTemp;
    throw new Error(`the test does not know '${name}'`);
  };
  const substitute = (text: string) => text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, name: string) => value(name));
  const condition = (text: string | undefined): boolean => {
    if (text === undefined) return true;
    return text.split('&&').every((part) => {
      const term = part.trim();
      if (term === 'always()') return true;
      const match = /^([\w.-]+)\s*(==|!=)\s*'([^']*)'$/.exec(term);
      if (!match) throw new Error(`the test cannot evaluate '${term}'`);
      return (value(match[1]!) === match[3]) === (match[2] === '==');
    });
  };
  return { substitute, condition };
}

interface Run {
  /** The `uses:` steps that would have run, by action. */
  used: string[];
  /** The exit code of the last shell step that ran; the job fails on the first non-zero. */
  exitCode: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  sarif: string;
}

/** Runs the Action's steps in `repo` with a pull_request event for `headSha`. */
function runAction(repo: TestRepo, inputs: Record<string, string>, event: Record<string, string>): Run {
  const sandbox = join(repo.cwd, '..');
  const given = { ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? ''])), ...inputs };
  const outputs: Record<string, string> = {};
  const used: string[] = [];
  const summary = join(sandbox, 'step-summary.md');
  const outputFile = join(sandbox, 'github-output');
  let stdout = '';
  let exitCode = 0;
  for (const step of action.runs.steps) {
    const { substitute, condition } = expressions(given, outputs, sandbox);
    if (exitCode !== 0 && !(step.if ?? '').includes('always()')) continue;
    if (!condition(step.if)) continue;
    if (step.uses) {
      used.push(`${step.uses} ${JSON.stringify(Object.fromEntries(Object.entries(step.with ?? {}).map(([key, text]) => [key, substitute(text)])))}`);
      continue;
    }
    expect(step.shell).toBe('bash');
    writeFileSync(outputFile, '');
    const env: Record<string, string> = { ...repo.env, ...event, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: sandbox };
    for (const [key, text] of Object.entries(step.env ?? {})) env[key] = substitute(text);
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], {
      cwd: join(repo.cwd, substitute(step['working-directory'] ?? '.')),
      env,
      encoding: 'utf8',
    });
    stdout += run.stdout;
    exitCode = run.status ?? 2;
    for (const line of readFileSync(outputFile, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0 && step.id) outputs[`${step.id}.${line.slice(0, eq)}`] = line.slice(eq + 1);
    }
  }
  const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
  return { used, exitCode, stdout, outputs, summary: read(summary), sarif: read(join(sandbox, 'blast.sarif')) };
}

/**
 * transitive-chain with origin a bare remote holding main, feature and an approval note; the
 * checkout is detached at a merge of feature into main, as actions/checkout leaves a PR.
 */
async function pullRequestCheckout(): Promise<{ repo: TestRepo; event: Record<string, string> }> {
  const repo = await createFixtureRepo('transitive-chain');
  addBareRemote(repo);
  repo.git(['notes', '--ref=blast', 'add', '-m', 'an approval record', repo.headSha]);
  repo.git(['push', '-q', '--no-verify', 'origin', 'feature', 'refs/notes/blast']);
  repo.git(['update-ref', '-d', 'refs/notes/blast']);
  repo.git(['fetch', '-q', 'origin']);
  repo.git(['checkout', '-q', '--detach', 'main']);
  repo.git(['merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature']);
  const eventPath = join(repo.cwd, '..', 'event.json');
  writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7, head: { sha: repo.headSha, ref: 'feature' }, base: { sha: repo.baseSha, ref: 'main' } } }));
  const event = {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_BASE_REF: 'main',
    GITHUB_HEAD_REF: 'feature',
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_SHA: repo.git(['rev-parse', 'HEAD']),
  };
  return { repo, event };
}

// the Action splits `command` on spaces, as it documents
const command = `${process.execPath} ${BLAST_BIN}`;

describe('the GitHub Action', () => {
  test('its setup: Node 22, the checkout it needs documented', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.inputs['node-version']?.default).toBe('22');
    expect(readFileSync(ACTION, 'utf8')).toContain('fetch-depth: 0');
  });

  test('a passing pull request: the summary, the annotations, the approvals fetched, exit 0', { tags: ['slow'] }, async () => {
    const { repo, event } = await pullRequestCheckout();
    const run = runAction(repo, { command }, event);
    expect(run.used).toEqual(['actions/setup-node@v4 {"node-version":"22"}']);
    expect(run.exitCode).toBe(0);
    expect(run.outputs['check.exit-code']).toBe('0');
    expect(repo.git(['notes', '--ref=blast', 'show', repo.headSha])).toBe('an approval record');
    expect(run.stdout).toContain('blast: fetched the approvals (refs/notes/blast)');
    // the pull request's head, not the merge commit GitHub checked out
    expect(run.summary).toContain(repo.headSha.slice(0, 7));
    expect(run.summary).not.toContain(event.GITHUB_SHA!.slice(0, 7));
    expect(run.summary).toMatch(/\*\*base\*\* `origin\/main [0-9a-f]{7}` \(GITHUB\\?_BASE\\?_REF\)/);
    expect(run.stdout).toMatch(/^::notice::blast PASS: .*3 files/m);
    expect(run.sarif).toBe('');
  });

  test('a failing pull request with SARIF: errors annotated, SARIF uploaded, then the job fails', { tags: ['slow'] }, async () => {
    const { repo, event } = await pullRequestCheckout();
    writeFileSync(join(repo.cwd, 'strict.yml'), 'version: 1\nthresholds:\n  fail: { files: 2 }\n');
    const run = runAction(repo, { command, sarif: 'true', 'fetch-notes': 'false', args: '--policy-from worktree --policy strict.yml' }, event);
    expect(run.outputs['check.exit-code']).toBe('1');
    expect(run.outputs['check.sarif-file']).toBe(join(repo.cwd, '..', 'blast.sarif'));
    expect(run.stdout).toContain('::error title=blast thresholds.files::3 affected files, above the fail limit of 2');
    expect(run.stdout).toContain('::error title=blast::the policy fails this change; the job summary says why');
    expect(run.stdout).not.toContain('approvals');
    expect(run.summary).toMatch(/FAIL/);
    expect((JSON.parse(run.sarif) as { version: string }).version).toBe('2.1.0');
    expect(run.used).toEqual(['actions/setup-node@v4 {"node-version":"22"}', `github/codeql-action/upload-sarif@v3 {"sarif_file":"${join(repo.cwd, '..', 'blast.sarif')}","category":"blast"}`]);
    expect(run.exitCode).toBe(1);
  });

  test('blast cannot reach a verdict: the check step fails with exit 2 and says so', { tags: ['slow'] }, async () => {
    const { repo, event } = await pullRequestCheckout();
    const run = runAction(repo, { command, args: '--base origin/nowhere' }, event);
    expect(run.exitCode).toBe(2);
    expect(run.outputs['check.exit-code']).toBe('2');
    expect(run.stdout).toContain('::error title=blast::blast could not reach a verdict (exit 2); the log above says why');
  });
});
