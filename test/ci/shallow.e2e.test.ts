// A `git clone --depth 1` in CI: deepened when its remote answers; otherwise exit 2 with the fix,
// unless the policy says `onMissingBase: all`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Result } from '../../src/types.js';
import { createFixtureRepo, shallowClone, type TestRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const slow = { tags: ['slow'] };

/** transitive-chain with main one commit ahead, cloned with --depth 1 (feature checked out). */
async function shallowFeatureClone(): Promise<{ source: TestRepo; clone: TestRepo }> {
  const source = await createFixtureRepo('transitive-chain');
  source.git(['checkout', '-q', 'main']);
  source.write({ 'README.md': 'main moves on\n' });
  source.commit('main moves on');
  source.git(['checkout', '-q', 'feature']);
  const clone = await shallowClone(source.cwd, 1);
  // as in CI: the clone's origin/HEAD would name the checked-out branch
  clone.git(['remote', 'set-head', 'origin', '--delete']);
  return { source, clone };
}

describe('a shallow clone in CI', () => {
  test('a remote that answers: blast deepens the clone and says so', slow, async () => {
    const { source, clone } = await shallowFeatureClone();
    const run = await runCli(['check', '--format', 'json'], { cwd: clone.cwd, env: { ...clone.env, CI: 'true' } });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('warning: the clone is shallow: fetched more history (`git fetch --deepen=100 origin`) to find the base\n');
    const result = JSON.parse(run.stdout) as Result;
    expect(result.base).toMatchObject({ ref: 'origin/main', mergeBase: source.baseSha, reason: "default branch 'origin/main'" });
    expect(result.affected.files).toEqual(['src/cart.ts', 'src/checkout.ts', 'test/cart.test.ts']);
  });

  test('no remote answers: exit 2, one line with the fix', slow, async () => {
    const { clone } = await shallowFeatureClone();
    clone.git(['remote', 'set-url', 'origin', join(clone.cwd, '..', 'unreachable.git')]);
    const run = await runCli(['check', '--format', 'json'], { cwd: clone.cwd, env: { ...clone.env, CI: 'true' } });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^blast: no merge base between HEAD and 'origin\/main': this is a shallow clone; fetch the history with `git fetch --unshallow` \(in GitHub Actions, `fetch-depth: 0`\); fetching more history from 'origin' failed: [^\n]+\n$/,
    );
  });

  test('onMissingBase: all: every file counts as changed, every test is affected, and the report says so', slow, async () => {
    const { clone } = await shallowFeatureClone();
    clone.git(['remote', 'set-url', 'origin', join(clone.cwd, '..', 'unreachable.git')]);
    writeFileSync(join(clone.cwd, '.blast.yml'), 'version: 1\nonMissingBase: all\n');
    const env = { ...clone.env, CI: 'true' };
    const run = await runCli(['check', '--format', 'json'], { cwd: clone.cwd, env });
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as Result;
    expect(result.base).toEqual({ ref: '4b825dc642cb6eb9a060e54bf8d69288fbee4904', sha: '4b825dc642cb6eb9a060e54bf8d69288fbee4904', mergeBase: '4b825dc642cb6eb9a060e54bf8d69288fbee4904', reason: 'no base found: onMissingBase: all compares with the empty tree' });
    expect(result.policy).toEqual({ path: '.blast.yml', source: 'worktree' });
    expect(new Set(result.changes.map((change) => change.file))).toEqual(new Set(['src/admin.ts', 'src/cart.ts', 'src/checkout.ts', 'src/money.ts', 'test/admin.test.ts', 'test/cart.test.ts']));
    expect(run.stderr).toContain("onMissingBase is 'all', so every file counts as changed\n");
    expect(run.stderr).toContain("warning: there is no merge-base to read the policy from; the working tree's policy judges this change\n");

    const tests = await runCli(['affected', '--tests', '--quiet'], { cwd: clone.cwd, env });
    expect(tests).toEqual({ exitCode: 0, stdout: 'test/admin.test.ts\ntest/cart.test.ts\n', stderr: '' });
  });
});
