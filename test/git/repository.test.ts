import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GitError } from '../../src/errors.js';
import { changedFiles, isShallowRepository, openRepository, readFiles } from '../../src/git/index.js';
import { gitRepo, plainDirectory, shallowClone } from '../helpers/git-repo.js';

describe('openRepository', { tags: ['slow'] }, () => {
  test('finds the root and the git directories from a subdirectory', async () => {
    const repo = await gitRepo({ base: { 'src/a.ts': 'export const a = 1;\n' } });
    const opened = await openRepository(join(repo.cwd, 'src'), { env: repo.env });
    expect(opened).toMatchObject({
      root: repo.cwd,
      gitDir: join(repo.cwd, '.git'),
      gitCommonDir: join(repo.cwd, '.git'),
      objectFormat: 'sha1',
    });
    expect(opened.env.GIT_OPTIONAL_LOCKS).toBe('0');
  });

  test('a linked worktree shares the common git directory', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    const linked = join(repo.cwd, '..', 'linked');
    repo.git(['worktree', 'add', '-q', linked, 'main']);
    const opened = await openRepository(linked, { env: repo.env });
    expect(opened.root).toBe(linked);
    expect(opened.gitCommonDir).toBe(join(repo.cwd, '.git'));
    expect(opened.gitDir).toBe(join(repo.cwd, '.git', 'worktrees', 'linked'));
  });

  test('outside a repository: a GitError with the fix', async () => {
    const { cwd, env } = plainDirectory();
    const error = await openRepository(cwd, { env }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitError);
    expect(error).toMatchObject({
      message: `not a git repository: '${cwd}'`,
      hint: 'run blast inside a git working tree, or pass --cwd <dir>',
      exitCode: 2,
    });
  });

  test('a directory that does not exist is not a repository either', async () => {
    const { cwd, env } = plainDirectory();
    const missing = join(cwd, 'missing');
    await expect(openRepository(missing, { env })).rejects.toThrow(`not a git repository: '${missing}'`);
  });

  test('inside the git directory is not a working tree', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    mkdirSync(join(repo.cwd, '.git', 'sub'));
    await expect(openRepository(join(repo.cwd, '.git'), { env: repo.env })).rejects.toThrow('not a git repository');
  });

  test('isShallowRepository', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' }, head: { 'a.ts': 'b\n' } });
    const clone = await shallowClone(repo.cwd, 1);
    expect(await isShallowRepository(await openRepository(repo.cwd, { env: repo.env }))).toBe(false);
    expect(await isShallowRepository(await openRepository(clone.cwd, { env: clone.env }))).toBe(true);
  });
});

describe('the environment of git child processes', { tags: ['slow'] }, () => {
  test('editor, pager, ssh and prefix variables of the user do not stop git from running', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' }, head: { 'a.ts': 'b\n' } });
    const env = { ...repo.env, EDITOR: 'vim', GIT_EDITOR: 'vim', PAGER: 'less', GIT_PAGER: 'less', GIT_SSH_COMMAND: 'ssh -i key', GIT_ASKPASS: 'askpass', PREFIX: '/usr', UNSET: undefined };
    const opened = await openRepository(repo.cwd, { env });
    expect(opened.env).not.toHaveProperty('UNSET');
    const files = await changedFiles(opened, repo.baseSha, { kind: 'commit', ref: 'HEAD' });
    expect(files.map((file) => file.path)).toEqual(['a.ts']);
    expect(await readFiles(opened, { kind: 'index' }, ['a.ts'])).toEqual(new Map([['a.ts', 'b\n']]));
  });
});
