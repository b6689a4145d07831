import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GitError } from '../../src/errors.js';
import { describeHead, emptyTreeId, openRepository, resolveBase, type BaseOptions } from '../../src/git/index.js';
import type { HeadMode } from '../../src/types.js';
import { gitRepo, initRepo, shallowClone, type TestRepo } from '../helpers/git-repo.js';

const worktree: HeadMode = { kind: 'worktree' };

/** main: base; feature (checked out): head. */
async function branchRepo(): Promise<TestRepo> {
  return gitRepo({ base: { 'src/a.ts': 'export const a = 1;\n' }, head: { 'src/a.ts': 'export const a = 2;\n' } });
}

async function resolve(repo: Pick<TestRepo, 'cwd' | 'env'>, options: Partial<BaseOptions> = {}) {
  const opened = await openRepository(repo.cwd, { env: repo.env });
  return resolveBase(opened, { env: {}, head: worktree, ...options });
}

async function failure(promise: Promise<unknown>): Promise<GitError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GitError);
  return error as GitError;
}

describe('resolveBase: the base order', { tags: ['slow'] }, () => {
  test('--base comes first', async () => {
    const repo = await branchRepo();
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.headSha]);
    expect(await resolve(repo, { explicitBase: 'main', env: { GITHUB_BASE_REF: 'feature' }, policyBase: 'feature' })).toEqual({
      ref: 'main',
      sha: repo.baseSha,
      mergeBase: repo.baseSha,
      reason: '--base',
    });
  });

  test('--base accepts any revision', async () => {
    const repo = await branchRepo();
    expect(await resolve(repo, { explicitBase: repo.baseSha.slice(0, 10) })).toMatchObject({ sha: repo.baseSha, reason: '--base' });
  });

  test.each([
    ['GITHUB_BASE_REF'],
    ['CI_MERGE_REQUEST_TARGET_BRANCH_NAME'],
    ['BITBUCKET_PR_DESTINATION_BRANCH'],
    ['BUILDKITE_PULL_REQUEST_BASE_BRANCH'],
    ['CHANGE_TARGET'],
  ])('%s names a branch, tried as origin/<name> first', async (variable) => {
    const repo = await branchRepo();
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.baseSha]);
    expect(await resolve(repo, { env: { [variable]: 'main' }, policyBase: 'feature' })).toEqual({
      ref: 'origin/main',
      sha: repo.baseSha,
      mergeBase: repo.baseSha,
      reason: variable,
    });
  });

  test('a CI branch without its remote-tracking branch falls back to the local one', async () => {
    const repo = await branchRepo();
    expect(await resolve(repo, { env: { GITHUB_BASE_REF: 'main' } })).toMatchObject({ ref: 'main', sha: repo.baseSha, reason: 'GITHUB_BASE_REF' });
  });

  test('CI_MERGE_REQUEST_DIFF_BASE_SHA is a sha and wins over the target branch name', async () => {
    const repo = await branchRepo();
    repo.git(['update-ref', 'refs/remotes/origin/feature', repo.headSha]);
    const result = await resolve(repo, { env: { CI_MERGE_REQUEST_DIFF_BASE_SHA: repo.baseSha, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'feature' } });
    expect(result).toEqual({ ref: repo.baseSha, sha: repo.baseSha, mergeBase: repo.baseSha, reason: 'CI_MERGE_REQUEST_DIFF_BASE_SHA' });
  });

  test('empty CI variables (a non-PR build) are ignored', async () => {
    const repo = await branchRepo();
    expect(await resolve(repo, { env: { GITHUB_BASE_REF: '', BUILDKITE_PULL_REQUEST_BASE_BRANCH: '' } })).toMatchObject({ reason: "default branch 'main'" });
  });

  test('a local origin made from a bare clone', async () => {
    const repo = await branchRepo();
    const bare = join(repo.cwd, '..', 'origin.git');
    repo.git(['clone', '-q', '--bare', repo.cwd, bare]);
    repo.git(['remote', 'add', 'origin', bare]);
    repo.git(['fetch', '-q', 'origin']);
    expect(await resolve(repo, { env: { GITHUB_BASE_REF: 'main' } })).toMatchObject({ ref: 'origin/main', sha: repo.baseSha, mergeBase: repo.baseSha });
  });

  test('then the policy base', async () => {
    const repo = await branchRepo();
    repo.git(['branch', 'release', repo.baseSha]);
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.headSha]);
    expect(await resolve(repo, { policyBase: 'release' })).toEqual({ ref: 'release', sha: repo.baseSha, mergeBase: repo.baseSha, reason: 'policy base' });
  });

  test('a policy base that exists only as a remote-tracking branch', async () => {
    const repo = await branchRepo();
    repo.git(['update-ref', 'refs/remotes/origin/release', repo.baseSha]);
    expect(await resolve(repo, { policyBase: 'release' })).toMatchObject({ ref: 'origin/release', reason: 'policy base' });
  });

  test('then refs/remotes/origin/HEAD', async () => {
    const repo = await branchRepo();
    repo.git(['update-ref', 'refs/remotes/origin/trunk', repo.baseSha]);
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.headSha]);
    repo.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk']);
    expect(await resolve(repo)).toEqual({ ref: 'origin/trunk', sha: repo.baseSha, mergeBase: repo.baseSha, reason: 'origin/HEAD' });
  });

  test('an origin/HEAD naming a ref that does not exist is passed over; so is a ref below a candidate\'s name', async () => {
    const repo = await branchRepo();
    repo.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/gone']);
    repo.git(['update-ref', 'refs/remotes/origin/main/old', repo.headSha]);
    repo.git(['update-ref', 'refs/remotes/origin/master', repo.baseSha]);
    expect(await resolve(repo)).toEqual({ ref: 'origin/master', sha: repo.baseSha, mergeBase: repo.baseSha, reason: "default branch 'origin/master'" });
  });

  test('a candidate that is an annotated tag counts as the commit it tags', async () => {
    const repo = await branchRepo();
    repo.git(['tag', '-a', '-m', 'release', 'v1', repo.baseSha]);
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.git(['rev-parse', 'v1']).trim()]);
    expect(await resolve(repo)).toEqual({ ref: 'origin/main', sha: repo.baseSha, mergeBase: repo.baseSha, reason: "default branch 'origin/main'" });
  });

  test('a tag of a tag as a candidate counts as the commit it leads to', async () => {
    const repo = await branchRepo();
    repo.git(['tag', '-a', '-m', 'release', 'v1', repo.baseSha]);
    repo.git(['tag', '-a', '-m', 'again', 'v1-again', 'v1']);
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.git(['rev-parse', 'v1-again']).trim()]);
    expect(await resolve(repo)).toEqual({ ref: 'origin/main', sha: repo.baseSha, mergeBase: repo.baseSha, reason: "default branch 'origin/main'" });
  });

  test('a candidate whose object the repository lacks is passed over, as if absent', async () => {
    const repo = await branchRepo();
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.baseSha]);
    repo.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main']);
    writeFileSync(join(repo.cwd, '.git', 'refs', 'heads', 'master'), `${'1234567890'.repeat(4)}\n`);
    expect(await resolve(repo)).toEqual({ ref: 'origin/main', sha: repo.baseSha, mergeBase: repo.baseSha, reason: 'origin/HEAD' });
  });

  test('then origin/main before origin/master and local main', async () => {
    const repo = await branchRepo();
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.baseSha]);
    repo.git(['update-ref', 'refs/remotes/origin/master', repo.headSha]);
    expect(await resolve(repo)).toMatchObject({ ref: 'origin/main', reason: "default branch 'origin/main'" });
  });

  test('then origin/master', async () => {
    const repo = await branchRepo();
    repo.git(['update-ref', 'refs/remotes/origin/master', repo.baseSha]);
    expect(await resolve(repo)).toMatchObject({ ref: 'origin/master', reason: "default branch 'origin/master'" });
  });

  test('then main', async () => {
    const repo = await branchRepo();
    expect(await resolve(repo)).toEqual({ ref: 'main', sha: repo.baseSha, mergeBase: repo.baseSha, reason: "default branch 'main'" });
  });

  test('then master', async () => {
    const repo = await branchRepo();
    repo.git(['branch', '-m', 'main', 'master']);
    expect(await resolve(repo)).toMatchObject({ ref: 'master', reason: "default branch 'master'" });
  });

  test('the merge-base, not the base tip, when the base moved on', async () => {
    const repo = await branchRepo();
    repo.git(['checkout', '-q', 'main']);
    repo.write({ 'src/b.ts': 'export const b = 1;\n' });
    const mainTip = repo.commit('main moves on');
    repo.git(['checkout', '-q', 'feature']);
    expect(await resolve(repo)).toEqual({ ref: 'main', sha: mainTip, mergeBase: repo.baseSha, reason: "default branch 'main'" });
  });

  test('--head REF: the merge-base with that ref', async () => {
    const repo = await branchRepo();
    repo.git(['checkout', '-q', 'main']);
    repo.write({ 'src/b.ts': 'export const b = 1;\n' });
    repo.commit('main moves on');
    repo.git(['checkout', '-q', '-b', 'other']);
    const result = await resolve(repo, { explicitBase: 'main', head: { kind: 'commit', ref: 'feature' } });
    expect(result.mergeBase).toBe(repo.baseSha);
  });
});

describe('resolveBase: on the default branch itself', { tags: ['slow'] }, () => {
  /** main: base, m2, m3 (checked out); feature: head. */
  async function mainRepo(): Promise<TestRepo & { m2: string; m3: string }> {
    const repo = await branchRepo();
    repo.git(['checkout', '-q', 'main']);
    repo.write({ 'src/b.ts': 'export const b = 1;\n' });
    const m2 = repo.commit('m2');
    repo.write({ 'src/b.ts': 'export const b = 2;\n' });
    const m3 = repo.commit('m3');
    return { ...repo, m2, m3 };
  }

  test('the head commit is the base commit: compare with the previous commit', async () => {
    const repo = await mainRepo();
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.m3]);
    repo.git(['checkout', '-q', '--detach']);
    expect(await resolve(repo, { head: { kind: 'commit', ref: 'HEAD' } })).toEqual({
      ref: 'HEAD~1',
      sha: repo.m2,
      mergeBase: repo.m2,
      reason: "on the default branch 'main': comparing with the previous commit",
    });
  });

  test('the current branch is the base branch (ahead of origin): still the previous commit', async () => {
    const repo = await mainRepo();
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.baseSha]);
    expect(await resolve(repo)).toEqual({
      ref: 'HEAD~1',
      sha: repo.m2,
      mergeBase: repo.m2,
      reason: "on the default branch 'main': comparing with the previous commit",
    });
  });

  test('--head main names the previous commit after that ref', async () => {
    const repo = await mainRepo();
    repo.git(['checkout', '-q', 'feature']);
    expect(await resolve(repo, { head: { kind: 'commit', ref: 'main' } })).toMatchObject({ ref: 'main~1', sha: repo.m2 });
  });

  test('a new branch that has not moved from the base is not the default branch', async () => {
    const repo = await mainRepo();
    repo.git(['checkout', '-q', '-b', 'fresh']);
    expect(await resolve(repo)).toEqual({ ref: 'main', sha: repo.m3, mergeBase: repo.m3, reason: "default branch 'main'" });
  });

  test('the policy base counts as the default branch', async () => {
    const repo = await mainRepo();
    expect(await resolve(repo, { policyBase: 'main' })).toMatchObject({ sha: repo.m2, reason: "on the default branch 'main': comparing with the previous commit" });
  });

  test('a pull request into the branch it is on compares with the branch itself', async () => {
    const repo = await mainRepo();
    expect(await resolve(repo, { env: { GITHUB_BASE_REF: 'main' } })).toEqual({ ref: 'main', sha: repo.m3, mergeBase: repo.m3, reason: 'GITHUB_BASE_REF' });
  });

  test('--base HEAD compares with HEAD (uncommitted work only)', async () => {
    const repo = await mainRepo();
    expect(await resolve(repo, { explicitBase: 'HEAD' })).toEqual({ ref: 'HEAD', sha: repo.m3, mergeBase: repo.m3, reason: '--base' });
  });

  test('at the first commit: the empty tree', async () => {
    const repo = initRepo();
    repo.write({ 'a.ts': 'a\n' });
    repo.commit('first');
    const empty = emptyTreeId('sha1');
    expect(await resolve(repo)).toEqual({
      ref: empty,
      sha: empty,
      mergeBase: empty,
      reason: "on the default branch 'main' at its first commit: comparing with the empty tree",
    });
  });
});

describe('resolveBase: errors', { tags: ['slow'] }, () => {
  test('an unknown --base', async () => {
    const repo = await branchRepo();
    const error = await failure(resolve(repo, { explicitBase: 'origin/x' }));
    expect(error.message).toBe('base ref \'origin/x\' not found; fetch it first (`git fetch origin x`)');
    expect(error.exitCode).toBe(2);
  });

  test('an unknown local --base', async () => {
    const repo = await branchRepo();
    expect((await failure(resolve(repo, { explicitBase: 'develop' }))).message).toBe(
      'base ref \'develop\' not found; fetch it first (`git fetch origin develop`)',
    );
  });

  test('an object that is not a commit', async () => {
    const repo = await branchRepo();
    const tree = repo.git(['rev-parse', 'HEAD^{tree}']);
    expect((await failure(resolve(repo, { explicitBase: tree }))).message).toBe(`base ref '${tree}' not found; fetch it first (\`git fetch origin ${tree}\`)`);
  });

  test('a ref that looks like an option is never passed as one', async () => {
    const repo = await branchRepo();
    expect((await failure(resolve(repo, { explicitBase: '--output=/tmp/x' }))).message).toMatch(/^base ref '--output=\/tmp\/x' not found/);
  });

  test('a CI variable naming a branch that is not fetched', async () => {
    const repo = await branchRepo();
    expect((await failure(resolve(repo, { env: { GITHUB_BASE_REF: 'release' } }))).message).toBe(
      'base ref \'origin/release\' not found; fetch it first (`git fetch origin release`)',
    );
  });

  test('a policy base that does not exist', async () => {
    const repo = await branchRepo();
    expect((await failure(resolve(repo, { policyBase: 'upstream/main' }))).message).toBe(
      'base ref \'upstream/main\' not found; fetch it first (`git fetch origin upstream/main`)',
    );
  });

  test('no candidate at all', async () => {
    const repo = initRepo();
    repo.git(['symbolic-ref', 'HEAD', 'refs/heads/trunk']);
    repo.write({ 'a.ts': 'a\n' });
    repo.commit('first');
    expect((await failure(resolve(repo))).message).toBe(
      'no base branch found (tried origin/HEAD, origin/main, origin/master, main, master); pass --base <ref>',
    );
  });

  test('a shallow clone without the merge base', async () => {
    const source = await branchRepo();
    const clone = await shallowClone(source.cwd, 1);
    expect(clone.headSha).toBe(source.headSha);
    expect((await failure(resolve(clone, { explicitBase: 'origin/main', deepen: false }))).message).toBe(
      "no merge base between HEAD and 'origin/main': this is a shallow clone; fetch the history with `git fetch --unshallow` (in GitHub Actions, `fetch-depth: 0`)",
    );
  });

  test('a shallow clone of the default branch cannot see the previous commit', async () => {
    const source = await branchRepo();
    source.git(['checkout', '-q', 'main']);
    const clone = await shallowClone(source.cwd, 1);
    expect((await failure(resolve(clone, { deepen: false }))).message).toBe(
      "no previous commit of HEAD to compare with on the default branch 'main': this is a shallow clone; fetch the history with `git fetch --unshallow` (in GitHub Actions, `fetch-depth: 0`)",
    );
  });

  test('a deep enough shallow clone works', async () => {
    const source = await branchRepo();
    const clone = await shallowClone(source.cwd, 2);
    expect(await resolve(clone, { explicitBase: 'origin/main' })).toMatchObject({ mergeBase: source.baseSha });
  });

  test('unrelated histories', async () => {
    const repo = await branchRepo();
    repo.git(['checkout', '-q', '--orphan', 'other']);
    repo.write({ 'z.ts': 'z\n' });
    repo.commit('unrelated');
    expect((await failure(resolve(repo, { explicitBase: 'main' }))).message).toBe(
      "no merge base between HEAD and 'main': the histories are unrelated; pass --base <ref>",
    );
    expect((await failure(resolve(repo, { explicitBase: 'other', head: { kind: 'commit', ref: 'feature' } }))).message).toBe(
      "no merge base between 'feature' and 'other': the histories are unrelated; pass --base <ref>",
    );
  });

  test('a repository with no commits yet', async () => {
    const repo = initRepo();
    const error = await failure(resolve(repo));
    expect(error.message).toBe(`the repository at '${repo.cwd}' has no commits yet`);
    expect(error.hint).toBe('make a first commit, then run blast again');
  });
});

describe('describeHead', { tags: ['slow'] }, () => {
  test('the worktree and index modes name the branch and HEAD\'s commit', async () => {
    const repo = await branchRepo();
    const opened = await openRepository(repo.cwd, { env: repo.env });
    expect(await describeHead(opened, { kind: 'worktree' })).toEqual({ ref: 'feature', sha: repo.headSha, worktree: true });
    expect(await describeHead(opened, { kind: 'index' })).toEqual({ ref: 'feature', sha: repo.headSha, worktree: false });
    expect(await describeHead(opened, { kind: 'commit', ref: 'HEAD' })).toEqual({ ref: 'feature', sha: repo.headSha, worktree: false });
  });

  test('a detached HEAD is HEAD', async () => {
    const repo = await branchRepo();
    repo.git(['checkout', '-q', '--detach']);
    const opened = await openRepository(repo.cwd, { env: repo.env });
    expect(await describeHead(opened, { kind: 'worktree' })).toEqual({ ref: 'HEAD', sha: repo.headSha, worktree: true });
  });

  test('--head REF keeps the ref as given', async () => {
    const repo = await branchRepo();
    const opened = await openRepository(repo.cwd, { env: repo.env });
    expect(await describeHead(opened, { kind: 'commit', ref: 'main' })).toEqual({ ref: 'main', sha: repo.baseSha, worktree: false });
    expect(await describeHead(opened, { kind: 'commit', ref: 'feature~1' })).toEqual({ ref: 'feature~1', sha: repo.baseSha, worktree: false });
  });

  test('an unknown --head REF', async () => {
    const repo = await branchRepo();
    const opened = await openRepository(repo.cwd, { env: repo.env });
    expect((await failure(describeHead(opened, { kind: 'commit', ref: 'x' }))).message).toBe("head ref 'x' not found");
  });
});
