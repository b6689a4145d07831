import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { GitError } from '../../src/errors.js';
import { openRepository } from '../../src/git/index.js';
import {
  BLAST_NOTES_REF,
  configuredIdentity,
  hasUncommittedChanges,
  listCommits,
  parseCommits,
  patchId,
  readNote,
  readNotes,
  rootCommits,
  writeNote,
} from '../../src/git/signoff-git.js';
import { gitRepo, type TestRepo } from '../helpers/git-repo.js';
import { commitAs } from '../signoff/signoff-helpers.js';

const open = (repo: TestRepo) => openRepository(repo.cwd, { env: repo.env });

function designFingerprint(repo: TestRepo, from: string, to: string): string {
  // DESIGN §7 literally, on a clean configuration
  const diff = execFileSync('git', ['diff', '--binary', '--full-index', '--no-renames', '-U3', from, to], { cwd: repo.cwd, env: repo.env });
  return execFileSync('git', ['patch-id', '--verbatim'], { cwd: repo.cwd, env: repo.env, input: diff }).toString().split(' ')[0] ?? '';
}

describe('parseCommits', () => {
  test('six NUL-separated fields per commit; trailers normalised to `Key: value`', () => {
    const sha = 'a'.repeat(40);
    const output = `${sha}\0Ann\0ann@example.com\0GitHub\0noreply@github.com\0Co-authored-by:   Claude <noreply@anthropic.com>\nnot a trailer\n\0`;
    expect(parseCommits(output)).toEqual([
      {
        sha,
        author: { name: 'Ann', email: 'ann@example.com' },
        committer: { name: 'GitHub', email: 'noreply@github.com' },
        trailers: ['Co-authored-by: Claude <noreply@anthropic.com>'],
      },
    ]);
    expect(parseCommits('')).toEqual([]);
  });
});

describe('listCommits', { tags: ['slow'] }, () => {
  test('the commits of the range, oldest first, with authors, committers and git-parsed trailers', async () => {
    const repo = await gitRepo({ base: { 'a.txt': 'a\n' }, head: { 'a.txt': 'b\n' } });
    const second = commitAs(repo, {
      author: { name: 'Devin AI', email: '158243242+devin-ai-integration[bot]@users.noreply.github.com' },
      committer: { name: 'GitHub', email: 'noreply@github.com' },
      message: 'Fix it\n\nBody mentions Co-authored-by: Nobody <n@example.com> in prose.\n\nCo-Authored-By: ann@example.com <ann@example.com>\nSigned-off-by: Ann <ann@example.com>\n',
    });
    const commits = await listCommits(await open(repo), repo.baseSha, second);
    expect(commits.map((commit) => commit.sha)).toEqual([repo.headSha, second]);
    expect(commits[1]).toEqual({
      sha: second,
      author: { name: 'Devin AI', email: '158243242+devin-ai-integration[bot]@users.noreply.github.com' },
      committer: { name: 'GitHub', email: 'noreply@github.com' },
      trailers: ['Co-Authored-By: ann@example.com <ann@example.com>', 'Signed-off-by: Ann <ann@example.com>'],
    });
    expect(commits[0]?.trailers).toEqual([]);
  });

  test('a merge-base that is the empty tree lists every commit of the head', async () => {
    const repo = await gitRepo({ base: { 'a.txt': 'a\n' }, head: { 'a.txt': 'b\n' } });
    const commits = await listCommits(await open(repo), '4b825dc642cb6eb9a060e54bf8d69288fbee4904', repo.headSha);
    expect(commits.map((commit) => commit.sha)).toEqual([repo.baseSha, repo.headSha]);
  });

  test('an unknown head is a GitError', async () => {
    const repo = await gitRepo({ base: { 'a.txt': 'a\n' } });
    await expect(listCommits(await open(repo), repo.baseSha, 'f'.repeat(40))).rejects.toBeInstanceOf(GitError);
  });
});

describe('patchId (the DESIGN §7 fingerprint)', { tags: ['slow'] }, () => {
  const lines = (n: number, edit: Record<number, string> = {}) =>
    `${Array.from({ length: n }, (_, i) => edit[i + 1] ?? `line ${i + 1}`).join('\n')}\n`;

  test('is the literal DESIGN pipeline; undefined for an empty change', async () => {
    const repo = await gitRepo({
      base: { 'a.txt': lines(20), 'bin.dat': Buffer.from([0, 1, 2, 3]) },
      head: { 'a.txt': lines(20, { 18: 'changed' }), 'bin.dat': Buffer.from([0, 1, 2, 4]), 'new.txt': 'new\n' },
    });
    const git = await open(repo);
    const id = await patchId(git, repo.baseSha, repo.headSha);
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(id).toBe(designFingerprint(repo, repo.baseSha, repo.headSha));
    expect(await patchId(git, repo.baseSha, repo.baseSha)).toBeUndefined();
  });

  test('user configuration cannot change it (prefixes, algorithm, colour, context, quoting)', async () => {
    const repo = await gitRepo({
      base: { 'é/a.txt': lines(40), 'b.txt': lines(40) },
      head: { 'é/a.txt': lines(40, { 5: 'x', 12: 'y', 13: '' }), 'b.txt': lines(40, { 30: '  spaced' }) },
    });
    const git = await open(repo);
    const clean = await patchId(git, repo.baseSha, repo.headSha);
    for (const [key, value] of [
      ['diff.noprefix', 'true'],
      ['diff.mnemonicPrefix', 'true'],
      ['diff.algorithm', 'histogram'],
      ['diff.interHunkContext', '20'],
      ['diff.context', '10'],
      ['diff.suppressBlankEmpty', 'true'],
      ['color.ui', 'always'],
      ['core.quotepath', 'true'],
      ['diff.relative', 'true'],
      ['patchid.stable', 'false'],
    ] as const) {
      repo.git(['config', key, value]);
    }
    expect(await patchId(git, repo.baseSha, repo.headSha)).toBe(clean);
  });

  test('a rebase onto a newer base that keeps the diff keeps it; an amend that changes the diff changes it', async () => {
    const repo = await gitRepo({ base: { 'a.txt': lines(30) }, head: { 'a.txt': lines(30, { 25: 'feature' }) } });
    const git = await open(repo);
    const before = await patchId(git, repo.baseSha, repo.headSha);
    repo.git(['checkout', '-q', 'main']);
    repo.write({ 'a.txt': lines(30, { 2: 'main moved' }), 'other.txt': 'other\n' });
    const newBase = repo.commit('main moves on');
    repo.git(['checkout', '-q', 'feature']);
    repo.git(['rebase', '-q', 'main']);
    const rebased = repo.git(['rev-parse', 'HEAD']);
    expect(rebased).not.toBe(repo.headSha);
    expect(await patchId(git, newBase, rebased)).toBe(before);

    repo.write({ 'a.txt': lines(30, { 2: 'main moved', 25: 'feature, amended' }) });
    repo.git(['commit', '-q', '-a', '--amend', '--no-edit']);
    expect(await patchId(git, newBase, repo.git(['rev-parse', 'HEAD']))).not.toBe(before);
  });

  test('an unknown revision is a GitError', async () => {
    const repo = await gitRepo({ base: { 'a.txt': 'a\n' } });
    await expect(patchId(await open(repo), 'f'.repeat(40), repo.baseSha)).rejects.toThrow("merge base 'ffffffffffffffffffffffffffffffffffffffff' not found");
  });
});

describe('notes under refs/notes/blast', { tags: ['slow'] }, () => {
  test('none before the first; written without touching HEAD, branches, the index or the working tree', async () => {
    const repo = await gitRepo({ base: { 'a.txt': 'a\n' }, head: { 'a.txt': 'b\n' } });
    repo.write({ 'dirty.txt': 'untracked\n', 'a.txt': 'edited\n' });
    repo.git(['add', 'a.txt']);
    const git = await open(repo);
    expect(await readNotes(git)).toEqual([]);
    expect(await readNote(git, repo.headSha)).toBeUndefined();

    const state = () => ({
      head: repo.git(['rev-parse', 'HEAD']),
      symbolic: repo.git(['symbolic-ref', 'HEAD']),
      refs: repo.git(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/tags']),
      index: repo.git(['ls-files', '-s']),
      status: repo.git(['status', '--porcelain']),
    });
    const before = state();
    await writeNote(git, repo.headSha, 'first line\nsecond line\n');
    await writeNote(git, repo.baseSha, 'on the base\n');
    expect(state()).toEqual(before);

    expect(await readNote(git, repo.headSha)).toBe('first line\nsecond line\n');
    const notes = await readNotes(git);
    expect(notes).toHaveLength(2);
    expect(notes).toContainEqual({ object: repo.headSha, text: 'first line\nsecond line\n' });
    expect(notes).toContainEqual({ object: repo.baseSha, text: 'on the base\n' });
    expect(repo.git(['rev-parse', '--verify', '--quiet', BLAST_NOTES_REF])).toMatch(/^[0-9a-f]{40}$/);

    await writeNote(git, repo.headSha, 'replaced\n');
    expect(await readNote(git, repo.headSha)).toBe('replaced\n');
  });
});

describe('rootCommits, configuredIdentity, hasUncommittedChanges', { tags: ['slow'] }, () => {
  test('root commits of a history, oldest first; none for a non-commit', async () => {
    const repo = await gitRepo({ base: { 'a.txt': 'a\n' }, head: { 'a.txt': 'b\n' } });
    const git = await open(repo);
    expect(await rootCommits(git, repo.headSha)).toEqual([repo.baseSha]);
    repo.git(['checkout', '-q', '--orphan', 'other']);
    repo.write({ 'o.txt': 'o\n' });
    const orphan = repo.commit('another root');
    repo.git(['checkout', '-q', 'feature']);
    repo.git(['merge', '-q', '--allow-unrelated-histories', '--no-edit', 'other']);
    const roots = await rootCommits(git, 'HEAD');
    expect(new Set(roots)).toEqual(new Set([repo.baseSha, orphan]));
    expect(await rootCommits(git, '4b825dc642cb6eb9a060e54bf8d69288fbee4904')).toEqual([]);
    // A tag of a commit is the commit; an object that is not there is no commit.
    repo.git(['tag', '-a', '-m', 'release', 'v1', repo.baseSha]);
    expect(await rootCommits(git, 'v1')).toEqual([repo.baseSha]);
    expect(await rootCommits(git, '0123456789012345678901234567890123456789')).toEqual([]);
    expect(await rootCommits(git, 'no-such-branch')).toEqual([]);
  });

  test('identity from git config; uncommitted work by side', async () => {
    const repo = await gitRepo({ base: { 'a.txt': 'a\n' } });
    const git = await open(repo);
    expect(await configuredIdentity(git)).toEqual({ name: 'Blast Test', email: 'test@blast.invalid' });
    repo.git(['config', '--unset', 'user.email']);
    expect((await configuredIdentity(git)).email).toBeUndefined();

    // A repository handle is one command's view of the working tree: each state is opened anew.
    const uncommitted = async () => {
      const now = await open(repo);
      return { worktree: await hasUncommittedChanges(now, 'worktree'), index: await hasUncommittedChanges(now, 'index') };
    };
    expect(await uncommitted()).toEqual({ worktree: false, index: false });
    repo.write({ 'untracked.txt': 'u\n' });
    expect(await uncommitted()).toEqual({ worktree: true, index: false });
    repo.git(['add', 'untracked.txt']);
    expect(await uncommitted()).toEqual({ worktree: true, index: true });
    // Staged, and the working tree as staged: only the index against HEAD shows it.
    repo.commit('untracked, committed');
    expect(await uncommitted()).toEqual({ worktree: false, index: false });
    repo.write({ 'a.txt': 'staged\n' });
    repo.git(['add', 'a.txt']);
    expect(await uncommitted()).toEqual({ worktree: true, index: true });
    repo.write({ 'a.txt': 'a\n' });
    expect(await uncommitted()).toEqual({ worktree: true, index: true });
    repo.git(['add', 'a.txt']);
    expect(await uncommitted()).toEqual({ worktree: false, index: false });
    repo.git(['rm', '-q', '--cached', 'a.txt']);
    expect(await uncommitted()).toEqual({ worktree: true, index: true });
  });
});
