import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { emptyTreeId, listFiles, openRepository, readFiles, type Side } from '../../src/git/index.js';
import { gitRepo, type TestRepo } from '../helpers/git-repo.js';

async function list(repo: TestRepo, side: Side) {
  return listFiles(await openRepository(repo.cwd, { env: repo.env }), side);
}

async function read(repo: TestRepo, side: Side, paths: readonly string[]) {
  return readFiles(await openRepository(repo.cwd, { env: repo.env }), side, paths);
}

/** What git itself says: `git ls-tree`, `git ls-files -s` or `git hash-object`. */
const blobAt = (repo: TestRepo, rev: string, path: string) => repo.git(['rev-parse', `${rev}:${path}`]);
const hashObject = (repo: TestRepo, path: string) => repo.git(['hash-object', '--', path]);

describe('listFiles', { tags: ['slow'] }, () => {
  test('a commit: regular files with their blob ids, sorted; symlinks and submodules left out', async () => {
    const repo = await gitRepo({ base: { 'src/b.ts': 'b\n', 'src/a.ts': 'a\n', 'run.sh': '#!/bin/sh\n', 'é.ts': 'e\n', 'z b/y.ts': 'y\n', 'tab\tname.ts': 't\n' } });
    symlinkSync('src/a.ts', join(repo.cwd, 'alias.ts'));
    repo.git(['update-index', '--add', '--cacheinfo', `160000,${repo.baseSha},vendor/lib`]);
    repo.commit('symlink and submodule');
    const files = await list(repo, { kind: 'commit', ref: 'HEAD' });
    expect(files).toEqual(['run.sh', 'src/a.ts', 'src/b.ts', 'tab\tname.ts', 'z b/y.ts', 'é.ts'].map((path) => ({ path, blob: blobAt(repo, 'HEAD', path) })));
    expect(await list(repo, { kind: 'commit', ref: repo.baseSha })).toEqual(files);
  });

  test('the empty tree has no files; an unknown revision is a GitError', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    expect(await list(repo, { kind: 'commit', ref: emptyTreeId('sha1') })).toEqual([]);
    await expect(list(repo, { kind: 'commit', ref: 'nope' })).rejects.toThrow("revision 'nope' not found");
  });

  test('the index: staged content, not the working tree', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n', 'b.ts': 'b\n' } });
    repo.write({ 'a.ts': 'staged\n', 'new.ts': 'new\n', 'tab\tand space.ts': 't\n' });
    repo.git(['add', 'a.ts', 'new.ts', 'tab\tand space.ts']);
    repo.git(['rm', '-q', '--cached', 'b.ts']);
    const stagedA = hashObject(repo, 'a.ts');
    repo.write({ 'a.ts': 'unstaged\n' });
    expect(await list(repo, { kind: 'index' })).toEqual([
      { path: 'a.ts', blob: stagedA },
      { path: 'new.ts', blob: hashObject(repo, 'new.ts') },
      { path: 'tab\tand space.ts', blob: hashObject(repo, 'tab\tand space.ts') },
    ]);
  });

  test('the worktree: dirty files hashed like git hash-object, deletions dropped, untracked added, ignored left out', async () => {
    const repo = await gitRepo({
      base: { '.gitignore': '*.log\n', 'clean.ts': 'clean\n', 'dirty.ts': 'old\n', 'staged.ts': 'old\n', 'deleted.ts': 'gone\n', 'bin.dat': Buffer.from([0, 1]) },
    });
    repo.write({ 'staged.ts': 'staged\n' });
    repo.git(['add', 'staged.ts']);
    repo.write({
      'dirty.ts': 'new content\r\nwith CRLF\r\n',
      'staged.ts': 'staged then edited\n',
      'deleted.ts': null,
      'untracked/ünï.ts': 'u\n',
      'bin.dat': Buffer.from([0, 2, 3]),
      'debug.log': 'ignored\n',
    });
    symlinkSync('clean.ts', join(repo.cwd, 'link.ts'));
    const told: string[][] = [];
    const files = await listFiles(await openRepository(repo.cwd, { env: repo.env }), { kind: 'worktree' }, { onWorkOnDisk: (paths) => told.push([...paths]) });
    // Told before the listing ends: what no git object holds yet (staged.ts was edited after
    // `git add`), the untracked symlink too, though it is no file the listing then keeps.
    expect(told.sort((a, b) => a.length - b.length)).toEqual([['link.ts', 'untracked/ünï.ts'], ['bin.dat', 'dirty.ts', 'staged.ts']]);
    expect(files.map((file) => file.path)).toEqual(['.gitignore', 'bin.dat', 'clean.ts', 'dirty.ts', 'staged.ts', 'untracked/ünï.ts']);
    for (const file of files) expect(file.blob, file.path).toBe(hashObject(repo, file.path));
    expect(files.find((file) => file.path === 'clean.ts')?.blob).toBe(blobAt(repo, 'HEAD', 'clean.ts'));
  });

  test('the worktree: a tracked file replaced by a directory, a touched but unchanged file', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n', 'b.ts': 'b\n' } });
    repo.write({ 'a.ts': null, 'a.ts/inner.ts': 'inner\n', 'b.ts': 'b\n' });
    expect(await list(repo, { kind: 'worktree' })).toEqual([
      { path: 'a.ts/inner.ts', blob: hashObject(repo, 'a.ts/inner.ts') },
      { path: 'b.ts', blob: blobAt(repo, 'HEAD', 'b.ts') },
    ]);
  });
});

describe('readFiles', { tags: ['slow'] }, () => {
  const base = {
    'src/a.ts': 'export const a = 1;\n',
    'src/café b/ü.ts': 'export const u = "ü";\n',
    'src/space name.ts': 'x',
    'empty.ts': '',
    '1:odd.ts': 'a path that looks like an index stage\n',
  };

  test('a commit: read from objects, whatever the working tree holds', async () => {
    const repo = await gitRepo({ base });
    repo.write({ 'src/a.ts': 'dirty\n', 'src/space name.ts': null, 'untracked.ts': 'u\n' });
    repo.git(['add', '-A']);
    const texts = await read(repo, { kind: 'commit', ref: 'HEAD' }, [...Object.keys(base), 'untracked.ts', 'src', 'missing.ts']);
    expect(Object.fromEntries(texts)).toEqual(base);
    expect([...texts.keys()]).toEqual(Object.keys(base));
  });

  test('the index and the worktree', async () => {
    const repo = await gitRepo({ base });
    repo.write({ 'src/a.ts': 'staged\n' });
    repo.git(['add', 'src/a.ts']);
    repo.write({ 'src/a.ts': 'unstaged\n', 'untracked.ts': 'u\n' });
    const paths = ['src/a.ts', 'untracked.ts', 'src/café b/ü.ts', '1:odd.ts'];
    expect(Object.fromEntries(await read(repo, { kind: 'index' }, paths))).toEqual({
      'src/a.ts': 'staged\n',
      'src/café b/ü.ts': base['src/café b/ü.ts'],
      '1:odd.ts': base['1:odd.ts'],
    });
    expect(Object.fromEntries(await read(repo, { kind: 'worktree' }, [...paths, 'missing.ts', 'src']))).toEqual({
      'src/a.ts': 'unstaged\n',
      'untracked.ts': 'u\n',
      'src/café b/ü.ts': base['src/café b/ü.ts'],
      '1:odd.ts': base['1:odd.ts'],
    });
  });

  test('many and large blobs through one cat-file process', async () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`src/file-${i}.ts`, `export const v${i} = ${i};\n`.repeat(i % 7)]));
    const large = 'const line = "0123456789abcdef";\n'.repeat(40_000);
    const repo = await gitRepo({ base: { ...many, 'big.ts': large, 'after-big.ts': 'tail\n' } });
    const paths = [...Object.keys(many), 'big.ts', 'nope.ts', 'after-big.ts', 'src/file-1.ts'];
    const texts = await read(repo, { kind: 'commit', ref: repo.baseSha }, paths);
    expect(texts.size).toBe(302);
    expect(texts.get('big.ts')).toBe(large);
    expect(texts.get('after-big.ts')).toBe('tail\n');
    for (const [path, text] of Object.entries(many)) expect(texts.get(path)).toBe(text);
  });

  test('the merge-base side of a rename reads the old path', async () => {
    const repo = await gitRepo({ base: { 'old.ts': 'old\n' }, head: { 'new.ts': 'old\n' } });
    expect(Object.fromEntries(await read(repo, { kind: 'commit', ref: repo.baseSha }, ['old.ts', 'new.ts']))).toEqual({ 'old.ts': 'old\n' });
    expect(await read(repo, { kind: 'commit', ref: emptyTreeId('sha1') }, ['old.ts'])).toEqual(new Map());
  });

  test('no paths, no process; an unknown revision is a GitError', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    expect(await read(repo, { kind: 'index' }, [])).toEqual(new Map());
    await expect(read(repo, { kind: 'commit', ref: 'nope' }, ['a.ts'])).rejects.toThrow("revision 'nope' not found");
  });
});
