import { chmodSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { changedFiles, listFiles, openRepository, resolveBase } from '../../src/git/index.js';
import type { FileChange, HeadMode } from '../../src/types.js';
import { createFixtureRepo, gitRepo, type TestRepo } from '../helpers/git-repo.js';

async function changes(repo: TestRepo, head: HeadMode, mergeBase = repo.baseSha): Promise<FileChange[]> {
  return changedFiles(await openRepository(repo.cwd, { env: repo.env }), mergeBase, head);
}

const committed: HeadMode = { kind: 'commit', ref: 'HEAD' };
const lines = (...texts: string[]) => texts.map((text) => `${text}\n`).join('');

describe('changedFiles', { tags: ['slow'] }, () => {
  test('a fixture with a rename, a deletion, an addition and exact hunks', async () => {
    const repo = await createFixtureRepo('renamed-and-deleted-modules');
    expect(await changes(repo, committed)).toEqual([
      {
        status: 'renamed',
        path: 'src/arithmetic.ts',
        oldPath: 'src/math.ts',
        oldRanges: [{ start: 10, count: 1 }],
        newRanges: [{ start: 10, count: 1 }],
        binary: false,
      },
      {
        status: 'modified',
        path: 'src/index.ts',
        oldRanges: [
          { start: 1, count: 1 },
          { start: 4, count: 0 },
        ],
        newRanges: [
          { start: 1, count: 1 },
          { start: 4, count: 1 },
        ],
        binary: false,
      },
      { status: 'deleted', path: 'src/legacy.ts', oldPath: 'src/legacy.ts', oldRanges: [{ start: 1, count: 3 }], newRanges: [], binary: false },
      { status: 'added', path: 'src/new-feature.ts', oldRanges: [], newRanges: [{ start: 1, count: 2 }], binary: false },
    ]);
  });

  test('the fixture as the pipeline sees it: base resolved from the policy file', async () => {
    const repo = await createFixtureRepo('renamed-and-deleted-modules');
    const opened = await openRepository(repo.cwd, { env: repo.env });
    const base = await resolveBase(opened, { env: {}, head: { kind: 'worktree' }, policyBase: 'main' });
    const files = await changedFiles(opened, base.mergeBase, { kind: 'worktree' });
    expect(files.map((file) => `${file.status} ${file.path}`)).toEqual([
      'renamed src/arithmetic.ts',
      'modified src/index.ts',
      'deleted src/legacy.ts',
      'added src/new-feature.ts',
    ]);
  });

  test('exact ranges: insertions, deletions, replacements, a missing final newline', async () => {
    const repo = await gitRepo({
      base: { 'a.ts': lines('1', '2', '3', '4', '5', '6', '7', '8', '9', '10') },
      head: { 'a.ts': `${lines('0', '1', '2', '3', 'x', 'y', '6', '9')}10` },
    });
    const [file] = await changes(repo, committed);
    expect(file).toEqual({
      status: 'modified',
      path: 'a.ts',
      // 0 inserted before line 1; 4-5 replaced by x y; 7-8 deleted; 10 lost its newline
      oldRanges: [
        { start: 1, count: 0 },
        { start: 4, count: 2 },
        { start: 7, count: 2 },
        { start: 10, count: 1 },
      ],
      newRanges: [
        { start: 1, count: 1 },
        { start: 5, count: 2 },
        { start: 8, count: 0 },
        { start: 9, count: 1 },
      ],
      binary: false,
    });
  });

  test('worktree: committed, staged, unstaged and untracked changes; ignored files left out', async () => {
    const repo = await gitRepo({
      base: { '.gitignore': 'build/\n*.log\n', 'committed.ts': 'a\n', 'staged.ts': 'a\n', 'unstaged.ts': 'a\n' },
      head: { '.gitignore': 'build/\n*.log\n', 'committed.ts': 'b\n', 'staged.ts': 'a\n', 'unstaged.ts': 'a\n' },
    });
    repo.write({ 'staged.ts': 'a\nb\n' });
    repo.git(['add', 'staged.ts']);
    repo.write({
      'unstaged.ts': 'z\n',
      'src/untracked.ts': lines('one', 'two', 'three'),
      'empty.ts': '',
      'build/out.js': 'ignored\n',
      'debug.log': 'ignored\n',
    });
    expect(await changes(repo, { kind: 'worktree' })).toEqual([
      { status: 'modified', path: 'committed.ts', oldRanges: [{ start: 1, count: 1 }], newRanges: [{ start: 1, count: 1 }], binary: false },
      { status: 'added', path: 'empty.ts', oldRanges: [], newRanges: [], binary: false },
      { status: 'added', path: 'src/untracked.ts', oldRanges: [], newRanges: [{ start: 1, count: 3 }], binary: false },
      { status: 'modified', path: 'staged.ts', oldRanges: [{ start: 2, count: 0 }], newRanges: [{ start: 2, count: 1 }], binary: false },
      { status: 'modified', path: 'unstaged.ts', oldRanges: [{ start: 1, count: 1 }], newRanges: [{ start: 1, count: 1 }], binary: false },
    ]);
    expect((await changes(repo, { kind: 'index' })).map((file) => file.path)).toEqual(['committed.ts', 'staged.ts']);
    expect((await changes(repo, committed)).map((file) => file.path)).toEqual(['committed.ts']);
  });

  test('worktree: a file deleted on disk, an untracked file without a final newline', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n', 'b.ts': 'b\n' } });
    repo.write({ 'a.ts': null, 'c.ts': 'one\ntwo' });
    expect(await changes(repo, { kind: 'worktree' })).toEqual([
      { status: 'deleted', path: 'a.ts', oldPath: 'a.ts', oldRanges: [{ start: 1, count: 1 }], newRanges: [], binary: false },
      { status: 'added', path: 'c.ts', oldRanges: [], newRanges: [{ start: 1, count: 2 }], binary: false },
    ]);
  });

  test('--head REF reads objects only: a dirty working tree changes nothing', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' }, head: { 'a.ts': 'b\n', 'new.ts': 'n\n' } });
    const expected = await changes(repo, { kind: 'commit', ref: 'feature' });
    repo.write({ 'a.ts': 'dirty\nmore\n', 'new.ts': null, 'untracked.ts': 'u\n' });
    repo.git(['add', '-A']);
    repo.write({ 'a.ts': 'dirtier\n' });
    expect(await changes(repo, { kind: 'commit', ref: 'feature' })).toEqual(expected);
    expect(expected.map((file) => `${file.status} ${file.path}`)).toEqual(['modified a.ts', 'added new.ts']);
  });

  test('a staged rename keeps its hunks; an unstaged move is a deletion and an addition', async () => {
    const body = lines('export function a() {', '  return 1;', '}', '', 'export function b() {', '  return 2;', '}');
    const repo = await gitRepo({ base: { 'src/old.ts': body } });
    repo.git(['mv', 'src/old.ts', 'src/new.ts']);
    repo.write({ 'src/new.ts': body.replace('return 2', 'return 3') });
    repo.git(['add', 'src/new.ts']);
    expect(await changes(repo, { kind: 'index' })).toEqual([
      { status: 'renamed', path: 'src/new.ts', oldPath: 'src/old.ts', oldRanges: [{ start: 6, count: 1 }], newRanges: [{ start: 6, count: 1 }], binary: false },
    ]);
    const renamed = repo.commit('rename');
    repo.git(['mv', 'src/new.ts', 'src/newer.ts']);
    repo.git(['reset', '-q']);
    expect((await changes(repo, { kind: 'worktree' }, renamed)).map((file) => `${file.status} ${file.path}`)).toEqual(['deleted src/new.ts', 'added src/newer.ts']);
  });

  test('binary files are flagged and have no ranges', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const repo = await gitRepo({
      base: { 'img/logo.png': png, 'img/gone.png': Buffer.from([0, 0xff, 0xfe, 0, 7]) },
      head: { 'img/logo.png': Buffer.concat([png, Buffer.from([1, 0, 2])]), 'img/new.png': png },
    });
    repo.write({ 'img/untracked.bin': Buffer.from([0, 1, 2, 10, 3]) });
    expect(await changes(repo, { kind: 'worktree' })).toEqual([
      { status: 'deleted', path: 'img/gone.png', oldPath: 'img/gone.png', oldRanges: [], newRanges: [], binary: true },
      { status: 'modified', path: 'img/logo.png', oldRanges: [], newRanges: [], binary: true },
      { status: 'added', path: 'img/new.png', oldRanges: [], newRanges: [], binary: true },
      { status: 'added', path: 'img/untracked.bin', oldRanges: [], newRanges: [], binary: true },
    ]);
  });

  test('paths with spaces, tabs, quotes, unicode and " b/"', async () => {
    const names = ['docs/my file.ts', 'src/café.ts', 'src/日本語.ts', 'src/tab\there.ts', 'src/"quoted".ts', 'a b/c.ts', 'src/back\\slash.ts'];
    const base = Object.fromEntries(names.map((name) => [name, lines('one', 'two')]));
    const head = Object.fromEntries(names.map((name) => [name, lines('one', 'TWO')]));
    const repo = await gitRepo({ base, head });
    const files = await changes(repo, committed);
    expect(files.map((file) => file.path)).toEqual([...names].sort());
    for (const file of files) {
      expect(file).toEqual({ status: 'modified', path: file.path, oldRanges: [{ start: 2, count: 1 }], newRanges: [{ start: 2, count: 1 }], binary: false });
    }
  });

  test('renames between awkward paths keep both names and hunks', async () => {
    const body = lines('a', 'b', 'c', 'd', 'e', 'f');
    const other = lines('1', '2', '3', '4', '5', '6');
    const repo = await gitRepo({
      base: { 'old name.ts': body, 'src/ünïcode.ts': other },
      head: { 'new b/name.ts': body.replace('c', 'C'), 'src/tab\tnew.ts': other },
    });
    expect(await changes(repo, committed)).toEqual([
      { status: 'renamed', path: 'new b/name.ts', oldPath: 'old name.ts', oldRanges: [{ start: 3, count: 1 }], newRanges: [{ start: 3, count: 1 }], binary: false },
      { status: 'renamed', path: 'src/tab\tnew.ts', oldPath: 'src/ünïcode.ts', oldRanges: [], newRanges: [], binary: false },
    ]);
  });

  test('a mode change has no ranges; a type change (file to symlink) is reported as such', async () => {
    const repo = await gitRepo({ base: { 'run.sh': 'echo hi\n', 'link.ts': 'export {};\n', 'target.ts': 'x\n' } });
    chmodSync(join(repo.cwd, 'run.sh'), 0o755);
    repo.write({ 'link.ts': null });
    symlinkSync('target.ts', join(repo.cwd, 'link.ts'));
    expect(await changes(repo, { kind: 'worktree' })).toEqual([
      { status: 'type-changed', path: 'link.ts', oldRanges: [{ start: 1, count: 1 }], newRanges: [{ start: 1, count: 1 }], binary: false },
      { status: 'modified', path: 'run.sh', oldRanges: [], newRanges: [], binary: false },
    ]);
  });

  test('submodules are left out', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    repo.git(['update-index', '--add', '--cacheinfo', `160000,${repo.baseSha},vendor/lib`]);
    repo.git(['commit', '-q', '-m', 'submodule']);
    expect(await changes(repo, committed)).toEqual([]);
  });

  test('header-like content lines do not confuse the parser', async () => {
    const repo = await gitRepo({
      base: { 'notes.md': lines('-- a/x', '++ b/y', 'keep') },
      head: { 'notes.md': lines('--- a/x', '+++ b/y', 'keep', 'diff --git a/z b/z') },
    });
    const [file] = await changes(repo, committed);
    expect(file).toMatchObject({ oldRanges: [{ start: 1, count: 2 }, { start: 4, count: 0 }], newRanges: [{ start: 1, count: 2 }, { start: 4, count: 1 }] });
  });

  test('the empty tree as merge-base: everything is added', async () => {
    const repo = await gitRepo({ base: { 'a.ts': lines('1', '2') } });
    expect(await changes(repo, committed, '4b825dc642cb6eb9a060e54bf8d69288fbee4904')).toEqual([
      { status: 'added', path: 'a.ts', oldRanges: [], newRanges: [{ start: 1, count: 2 }], binary: false },
    ]);
  });

  test('an unknown head ref or merge-base is a GitError', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    await expect(changes(repo, { kind: 'commit', ref: 'nope' })).rejects.toThrow("head ref 'nope' not found");
    await expect(changes(repo, committed, '--cached')).rejects.toThrow("merge base '--cached' not found");
    const blob = repo.git(['rev-parse', 'HEAD:a.ts']);
    await expect(changes(repo, committed, blob)).rejects.toThrow(`merge base '${blob}' not found`);
  });
});

describe('changedFiles under hostile configuration', { tags: ['slow'] }, () => {
  test('global and repository settings cannot change what is parsed', async () => {
    const base = { 'src/a.ts': lines('1', '2', '3'), 'src/old.ts': lines('a', 'b', 'c', 'd'), 'my file.ts': lines('x') };
    const head = { 'src/a.ts': lines('1', 'two', '3', '4'), 'src/new.ts': lines('a', 'b', 'c', 'D'), 'my file.ts': lines('y') };
    const clean = await gitRepo({ base, head });
    const hostile = await gitRepo({ base, head });
    const expected = await changes(clean, committed);
    writeFileSync(
      join(hostile.env.HOME ?? '', '.gitconfig'),
      [
        '[diff]',
        '  noprefix = true',
        '  mnemonicPrefix = true',
        '  renames = false',
        '  algorithm = patience',
        '  interHunkContext = 10',
        '  external = false',
        '  submodule = log',
        '[color]',
        '  ui = always',
        '[core]',
        '  quotepath = true',
        '',
      ].join('\n'),
    );
    hostile.git(['config', 'color.diff', 'always']);
    // the configuration is in force for a plain `git diff`…
    expect(hostile.git(['diff', '--no-ext-diff', 'main', 'feature'])).toMatch(/\x1b\[[0-9;]*m--- src\/a\.ts/);
    expect(await changes(hostile, committed)).toEqual(expected);
    expect(expected.map((file) => file.status)).toEqual(['modified', 'modified', 'renamed']);
  });
});

describe('changedFiles during a merge conflict', { tags: ['slow'] }, () => {
  test('a conflicted file is modified, with the ranges of the working tree file', async () => {
    const repo = await gitRepo({ base: { 'a.ts': lines('1', '2', '3') }, head: { 'a.ts': lines('1', 'feature', '3') } });
    repo.git(['checkout', '-q', 'main']);
    repo.write({ 'a.ts': lines('1', 'main', '3') });
    repo.commit('main');
    repo.git(['checkout', '-q', 'feature']);
    expect(() => repo.git(['merge', '-q', 'main'])).toThrow();
    const files = await changes(repo, { kind: 'worktree' });
    expect(files).toEqual([
      { status: 'modified', path: 'a.ts', oldRanges: [{ start: 2, count: 1 }], newRanges: [{ start: 2, count: 5 }], binary: false },
    ]);
    expect(await changes(repo, { kind: 'index' })).toEqual([{ status: 'modified', path: 'a.ts', oldRanges: [], newRanges: [], binary: false }]);
    const opened = await openRepository(repo.cwd, { env: repo.env });
    // The index holds stages 1 to 3 of a.ts: "ours" (stage 2) stands in.
    expect(await listFiles(opened, { kind: 'index' })).toEqual([{ path: 'a.ts', blob: repo.git(['rev-parse', ':2:a.ts']) }]);
    expect((await listFiles(opened, { kind: 'worktree' }))[0]?.blob).toBe(repo.git(['hash-object', 'a.ts']));
  });
});
