// resolveBase beyond the plain order: CI event facts (merge queues, pushes), deepening a shallow
// clone, `onMissingBase: all`, and the base of a pushed ref.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GitError } from '../../src/errors.js';
import { emptyTreeId, isShallowRepository, MissingBaseError, openRepository, resolveBase, type BaseOptions } from '../../src/git/index.js';
import { gitRepo, initRepo, shallowClone, type TestRepo } from '../helpers/git-repo.js';

const slow = { tags: ['slow'] };

async function branchRepo(): Promise<TestRepo> {
  return gitRepo({ base: { 'src/a.ts': 'export const a = 1;\n' }, head: { 'src/a.ts': 'export const a = 2;\n' } });
}

async function resolve(repo: Pick<TestRepo, 'cwd' | 'env'>, options: Partial<BaseOptions> = {}) {
  const opened = await openRepository(repo.cwd, { env: repo.env });
  return resolveBase(opened, { env: {}, head: { kind: 'worktree' }, ...options });
}

async function failure(promise: Promise<unknown>): Promise<GitError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GitError);
  return error as GitError;
}

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

/**
 * `main` forks at its first commit, then runs `mainCommits` more commits; `feature` has one
 * commit on the fork point and is HEAD. Written with one `git fast-import`, so a long history
 * costs no more than a short one.
 */
function longHistoryRepo(mainCommits: number): TestRepo {
  const repo = initRepo();
  const commit = (ref: string, mark: number, from: number | undefined, text: string) =>
    [
      `commit ${ref}`,
      `mark :${mark}`,
      `committer Blast Test <test@blast.invalid> ${1_700_000_000 + mark} +0000`,
      `data ${text.length}`,
      text,
      ...(from === undefined ? [] : [`from :${from}`]),
      `M 644 inline ${ref === 'refs/heads/main' ? 'main.txt' : 'feature.txt'}`,
      `data ${text.length}`,
      text,
      '',
    ].join('\n');
  const stream = [commit('refs/heads/main', 1, undefined, 'fork')];
  stream.push(commit('refs/heads/feature', 2, 1, 'feature'));
  for (let index = 0; index < mainCommits; index++) stream.push(commit('refs/heads/main', 3 + index, index === 0 ? 1 : 2 + index, `main ${index}`));
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.cwd, env: repo.env, input: stream.join('\n') });
  repo.git(['symbolic-ref', 'HEAD', 'refs/heads/feature']);
  repo.git(['reset', '-q', '--hard']);
  return { ...repo, baseSha: repo.git(['rev-parse', 'main']), headSha: repo.git(['rev-parse', 'feature']) };
}

describe('resolveBase: CI events', slow, () => {
  test('a merge queue: the event names the base sha', async () => {
    const repo = await mainRepo();
    repo.git(['checkout', '-q', '--detach', 'feature']);
    const result = await resolve(repo, { ci: { mergeGroupBase: repo.m2 }, env: { GITHUB_BASE_REF: 'main' }, head: { kind: 'commit', ref: 'HEAD' } });
    expect(result).toEqual({ ref: repo.m2, sha: repo.m2, mergeBase: repo.baseSha, reason: 'merge_group base_sha' });
  });

  test('a push to the default branch: the push\'s before-sha', async () => {
    const repo = await mainRepo();
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.m3]);
    repo.git(['checkout', '-q', '--detach']);
    expect(await resolve(repo, { ci: { pushBefore: repo.baseSha }, head: { kind: 'commit', ref: 'HEAD' } })).toEqual({
      ref: repo.baseSha,
      sha: repo.baseSha,
      mergeBase: repo.baseSha,
      reason: "push to the default branch 'main': comparing with the push's before-sha",
    });
  });

  test('a force push (the before-sha is not an ancestor) or an unknown before-sha: the previous commit', async () => {
    const repo = await mainRepo();
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.m3]);
    repo.git(['checkout', '-q', '--detach']);
    const head = { kind: 'commit', ref: 'HEAD' } as const;
    expect(await resolve(repo, { ci: { pushBefore: repo.headSha }, head })).toMatchObject({ sha: repo.m2, reason: "on the default branch 'main': comparing with the previous commit" });
    expect(await resolve(repo, { ci: { pushBefore: 'f'.repeat(40) }, head })).toMatchObject({ sha: repo.m2 });
  });

  test('a before-sha on a feature branch changes nothing: the branch is compared with its base', async () => {
    const repo = await mainRepo();
    repo.git(['checkout', '-q', 'feature']);
    expect(await resolve(repo, { ci: { pushBefore: repo.baseSha } })).toMatchObject({ ref: 'main', mergeBase: repo.baseSha, reason: "default branch 'main'" });
  });
});

describe('resolveBase: deepening a shallow clone', slow, () => {
  test('a remote that answers: fetch --deepen, then the merge base', async () => {
    const source = await branchRepo();
    source.git(['checkout', '-q', 'main']);
    source.write({ 'src/b.ts': 'b\n' });
    source.commit('main moves on');
    source.git(['checkout', '-q', 'feature']);
    const clone = await shallowClone(source.cwd, 1);
    // the source had feature checked out, so the clone's origin/HEAD names feature
    clone.git(['remote', 'set-head', 'origin', '--delete']);
    const notes: string[] = [];
    const result = await resolve(clone, { onNote: (note) => notes.push(note) });
    expect(result).toMatchObject({ ref: 'origin/main', mergeBase: source.baseSha, reason: "default branch 'origin/main'" });
    expect(notes).toEqual(['the clone is shallow: fetched more history (`git fetch --deepen=100 origin`) to find the base']);
  });

  test('history deeper than the first step: --deepen, then --unshallow', async () => {
    const source = longHistoryRepo(120);
    const clone = await shallowClone(source.cwd, 1);
    const notes: string[] = [];
    const result = await resolve(clone, { explicitBase: 'origin/main', onNote: (note) => notes.push(note) });
    expect(result.mergeBase).toBe(source.git(['rev-parse', 'main~120']));
    expect(notes).toHaveLength(2);
    expect(notes[1]).toContain('`git fetch --unshallow origin`');
    expect(await isShallowRepository(await openRepository(clone.cwd, { env: clone.env }))).toBe(false);
  });

  test('the previous commit on the default branch is fetched too', async () => {
    const source = await mainRepo();
    const clone = await shallowClone(source.cwd, 1);
    expect(await resolve(clone)).toMatchObject({ sha: source.m2, reason: "on the default branch 'main': comparing with the previous commit" });
  });

  test('a remote that does not answer: exit 2 with the fix and why fetching failed', async () => {
    const source = await branchRepo();
    const clone = await shallowClone(source.cwd, 1);
    clone.git(['remote', 'set-url', 'origin', join(clone.cwd, '..', 'gone')]);
    const error = await failure(resolve(clone, { explicitBase: 'origin/main' }));
    expect(error).toBeInstanceOf(MissingBaseError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(
      /^no merge base between HEAD and 'origin\/main': this is a shallow clone; fetch the history with `git fetch --unshallow` \(in GitHub Actions, `fetch-depth: 0`\); fetching more history from 'origin' failed: .+/,
    );
    expect(error.message).not.toContain('\n');
  });

  test('no remote at all: the plain fix', async () => {
    const source = await branchRepo();
    const clone = await shallowClone(source.cwd, 1);
    clone.git(['remote', 'remove', 'origin']);
    clone.git(['update-ref', 'refs/heads/main', source.baseSha]);
    expect((await failure(resolve(clone, { explicitBase: 'main' }))).message).toMatch(/this is a shallow clone; fetch the history with `git fetch --unshallow`/);
  });
});

describe('resolveBase: onMissingBase all', slow, () => {
  const empty = emptyTreeId('sha1');
  const everything = { ref: empty, sha: empty, mergeBase: empty, reason: 'no base found: onMissingBase: all compares with the empty tree' };

  test('no base branch at all: the empty tree, and a note saying why', async () => {
    const repo = initRepo();
    repo.git(['symbolic-ref', 'HEAD', 'refs/heads/trunk']);
    repo.write({ 'a.ts': 'a\n' });
    repo.commit('first');
    const notes: string[] = [];
    expect(await resolve(repo, { onMissingBase: 'all', onNote: (note) => notes.push(note) })).toEqual(everything);
    expect(notes).toEqual([
      "no base branch found (tried origin/HEAD, origin/main, origin/master, main, master); pass --base <ref>; onMissingBase is 'all', so every file counts as changed",
    ]);
    await expect(resolve(repo, { onMissingBase: 'fail' })).rejects.toBeInstanceOf(MissingBaseError);
  });

  test('a shallow clone nobody can deepen, unrelated histories, a CI base not fetched', async () => {
    const source = await branchRepo();
    const clone = await shallowClone(source.cwd, 1);
    clone.git(['remote', 'set-url', 'origin', join(clone.cwd, '..', 'gone')]);
    expect(await resolve(clone, { onMissingBase: 'all', policyBase: 'origin/main' })).toEqual(everything);

    const repo = await branchRepo();
    repo.git(['checkout', '-q', '--orphan', 'other']);
    repo.write({ 'z.ts': 'z\n' });
    repo.commit('unrelated');
    expect(await resolve(repo, { onMissingBase: 'all', policyBase: 'feature' })).toEqual(everything);
    expect(await resolve(repo, { onMissingBase: 'all', env: { GITHUB_BASE_REF: 'release' } })).toEqual(everything);
  });

  test('a --base that does not exist is still an error: the user named it', async () => {
    const repo = await branchRepo();
    const error = await failure(resolve(repo, { onMissingBase: 'all', explicitBase: 'origin/typo' }));
    expect(error).not.toBeInstanceOf(MissingBaseError);
    expect(error.message).toBe("base ref 'origin/typo' not found; fetch it first (`git fetch origin typo`)");
  });
});

describe('resolveBase: a pushed ref', slow, () => {
  test("the remote's default branch comes first, and the default-branch rule does not apply", async () => {
    const repo = await mainRepo();
    repo.git(['update-ref', 'refs/remotes/upstream/trunk', repo.baseSha]);
    repo.git(['update-ref', 'refs/remotes/origin/main', repo.m2]);
    repo.git(['remote', 'add', 'upstream', join(repo.cwd, '..', 'upstream.git')]);
    repo.git(['symbolic-ref', 'refs/remotes/upstream/HEAD', 'refs/remotes/upstream/trunk']);
    const push = { remote: 'upstream', remoteSha: '0'.repeat(40) };
    // pushing main itself: compared with what upstream's default branch has
    expect(await resolve(repo, { push, head: { kind: 'commit', ref: repo.m3 }, env: { GITHUB_BASE_REF: 'feature' } })).toEqual({
      ref: 'upstream/trunk',
      sha: repo.baseSha,
      mergeBase: repo.baseSha,
      reason: "default branch of 'upstream' (upstream/HEAD)",
    });
    // origin has no HEAD: the usual defaults
    expect(await resolve(repo, { push: { remote: 'origin', remoteSha: '0'.repeat(40) }, head: { kind: 'commit', ref: repo.m3 } })).toMatchObject({
      ref: 'origin/main',
      mergeBase: repo.m2,
    });
  });

  test('a URL for a remote, and the policy base', async () => {
    const repo = await mainRepo();
    repo.git(['branch', 'release', repo.m2]);
    const push = { remote: 'file:///somewhere/else.git', remoteSha: '0'.repeat(40) };
    expect(await resolve(repo, { push, head: { kind: 'commit', ref: 'feature' } })).toMatchObject({ ref: 'main', reason: "default branch 'main'" });
    expect(await resolve(repo, { push, policyBase: 'release', head: { kind: 'commit', ref: repo.m3 } })).toMatchObject({ ref: 'release', mergeBase: repo.m2, reason: 'policy base' });
  });

  test('the base branch pushed ahead of a stale local base: since the remote ref\'s old sha', async () => {
    const repo = await mainRepo();
    expect(await resolve(repo, { push: { remote: 'origin', remoteSha: repo.baseSha }, head: { kind: 'commit', ref: 'main' } })).toEqual({
      ref: repo.baseSha,
      sha: repo.baseSha,
      mergeBase: repo.baseSha,
      reason: "the remote ref's sha before this push",
    });
  });
});
