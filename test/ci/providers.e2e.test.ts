// `blast check` in CI, end to end: each provider's variables pick the base (DESIGN §3), GitHub's
// event payload gives the pull request's head, a merge queue's base and a push's before-sha, and
// the report names the base, its sha and why it was chosen.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Result } from '../../src/types.js';
import { createFixtureRepo, type TestRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const slow = { tags: ['slow'] };

function writeEvent(repo: TestRepo, payload: unknown): string {
  const path = join(repo.cwd, '..', 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

async function checkJson(repo: TestRepo, env: Record<string, string>): Promise<Result> {
  const run = await runCli(['check', '--format', 'json'], { cwd: repo.cwd, env: { ...repo.env, CI: 'true', ...env } });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return JSON.parse(run.stdout) as Result;
}

/** The fixture with `main` moved on, and the checkout detached at a merge of feature into main. */
async function mergeCheckout(): Promise<TestRepo & { mainTip: string; merge: string }> {
  const repo = await createFixtureRepo('transitive-chain');
  repo.git(['checkout', '-q', 'main']);
  repo.write({ 'README.md': 'main moves on\n' });
  const mainTip = repo.commit('main moves on');
  repo.git(['checkout', '-q', '--detach']);
  repo.git(['merge', '-q', '--no-ff', '-m', 'merge', 'feature']);
  return { ...repo, mainTip, merge: repo.git(['rev-parse', 'HEAD']) };
}

describe('CI providers, end to end', () => {
  test('GitHub pull_request: the base from GITHUB_BASE_REF, the head from the event, not the merge commit', slow, async () => {
    const repo = await mergeCheckout();
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: writeEvent(repo, { pull_request: { head: { sha: repo.headSha } } }),
      GITHUB_BASE_REF: 'main',
      GITHUB_HEAD_REF: 'feature',
    };
    const result = await checkJson(repo, env);
    expect(result.base).toEqual({ ref: 'main', sha: repo.mainTip, mergeBase: repo.baseSha, reason: 'GITHUB_BASE_REF' });
    expect(result.head).toEqual({ ref: repo.headSha, sha: repo.headSha, worktree: false });
    expect(result.affected.files).toEqual(['src/cart.ts', 'src/checkout.ts', 'test/cart.test.ts']);

    const text = await runCli(['check'], { cwd: repo.cwd, env: { ...repo.env, CI: 'true', ...env } });
    expect(text.stdout.split('\n')[0]).toBe(`base      main ${repo.mainTip.slice(0, 7)} (GITHUB_BASE_REF), merge-base ${repo.baseSha.slice(0, 7)}`);
  });

  test.each([
    ['GitLab', { GITLAB_CI: 'true', CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', CI_MERGE_REQUEST_IID: '7' }, 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME'],
    ['Bitbucket', { BITBUCKET_BUILD_NUMBER: '1', BITBUCKET_PR_DESTINATION_BRANCH: 'main', BITBUCKET_BRANCH: 'feature' }, 'BITBUCKET_PR_DESTINATION_BRANCH'],
    ['Buildkite', { BUILDKITE: 'true', BUILDKITE_PULL_REQUEST_BASE_BRANCH: 'main', BUILDKITE_BRANCH: 'feature' }, 'BUILDKITE_PULL_REQUEST_BASE_BRANCH'],
    ['Jenkins', { JENKINS_URL: 'http://ci', CHANGE_TARGET: 'main', CHANGE_BRANCH: 'feature' }, 'CHANGE_TARGET'],
  ])('%s: the pull request variable names the base', slow, async (_, env, reason) => {
    const repo = await createFixtureRepo('transitive-chain');
    repo.git(['checkout', '-q', '--detach']);
    const result = await checkJson(repo, env);
    expect(result.base).toEqual({ ref: 'main', sha: repo.baseSha, mergeBase: repo.baseSha, reason });
    expect(result.head).toMatchObject({ ref: 'HEAD', sha: repo.headSha });
  });

  test('GitLab: the diff base sha, and the source sha of a merged-results pipeline', slow, async () => {
    const repo = await mergeCheckout();
    const result = await checkJson(repo, {
      GITLAB_CI: 'true',
      CI_MERGE_REQUEST_IID: '7',
      CI_MERGE_REQUEST_DIFF_BASE_SHA: repo.baseSha,
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: repo.headSha,
    });
    expect(result.base).toEqual({ ref: repo.baseSha, sha: repo.baseSha, mergeBase: repo.baseSha, reason: 'CI_MERGE_REQUEST_DIFF_BASE_SHA' });
    expect(result.head.sha).toBe(repo.headSha);
  });

  test('GitHub merge_group: the queue entry against its base sha', slow, async () => {
    const repo = await mergeCheckout();
    const result = await checkJson(repo, {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'merge_group',
      GITHUB_EVENT_PATH: writeEvent(repo, { merge_group: { base_sha: repo.mainTip, head_sha: repo.merge } }),
    });
    expect(result.base).toEqual({ ref: repo.mainTip, sha: repo.mainTip, mergeBase: repo.mainTip, reason: 'merge_group base_sha' });
    expect(result.head.sha).toBe(repo.merge);
    expect(result.affected.files).toEqual(['src/cart.ts', 'src/checkout.ts', 'test/cart.test.ts']);
  });

  test("a push to the default branch: the push's before-sha, else the previous commit, and the report says so", slow, async () => {
    const repo = await createFixtureRepo('transitive-chain');
    repo.git(['checkout', '-q', 'main']);
    repo.git(['merge', '-q', '--ff-only', 'feature']);
    repo.write({ 'README.md': 'after\n' });
    const tip = repo.commit('docs');
    repo.git(['checkout', '-q', '--detach']);
    const pushed = await checkJson(repo, {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_EVENT_PATH: writeEvent(repo, { before: repo.baseSha, after: tip }),
    });
    expect(pushed.base).toEqual({ ref: repo.baseSha, sha: repo.baseSha, mergeBase: repo.baseSha, reason: "push to the default branch 'main': comparing with the push's before-sha" });
    expect(pushed.affected.files).toEqual(['src/cart.ts', 'src/checkout.ts', 'test/cart.test.ts']);

    const plain = await checkJson(repo, {});
    expect(plain.base).toEqual({ ref: 'HEAD~1', sha: repo.headSha, mergeBase: repo.headSha, reason: "on the default branch 'main': comparing with the previous commit" });
    expect(plain.changes).toEqual([]);
  });
});
