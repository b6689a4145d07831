import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { hooksDirectory, installPrePushHook, openRepository, prePushScript, uninstallPrePushHook, type HookCommand } from '../../src/git/index.js';
import { gitRepo, type TestRepo } from '../helpers/git-repo.js';

const node: HookCommand = { kind: 'node', node: '/opt/node/bin/node', script: "/opt/it's/bin/blast.js" };
const FOREIGN = '#!/bin/sh\necho foreign\n';

describe('prePushScript', () => {
  test('a POSIX sh script that passes arguments and stdin on, with the marker uninstall looks for', () => {
    const script = prePushScript(node, { chained: false });
    expect(script.startsWith('#!/bin/sh\n# blast-hook: pre-push\n')).toBe(true);
    expect(script).toContain(`blast='/opt/it'\\''s/bin/blast.js'`);
    expect(script).toContain(`feed | '/opt/node/bin/node' "$blast" check --pre-push "$@"\n`);
    expect(script).not.toContain('chained');
    execFileSync('sh', ['-n'], { input: script });
  });

  test('a chained hook runs first and its failure stops the push; --command is used as written', () => {
    const script = prePushScript({ kind: 'shell', command: 'npx --no blast' }, { chained: true });
    expect(script).toContain('chained="$(dirname "$0")/pre-push.blast-chained"');
    expect(script).toContain('feed | "$chained" "$@" || exit $?');
    expect(script).toContain('feed | npx --no blast check --pre-push "$@"\n');
    execFileSync('sh', ['-n'], { input: script });
  });
});

async function open(repo: TestRepo, cwd = repo.cwd) {
  return openRepository(cwd, { env: repo.env });
}

describe('installing and removing the hook', { tags: ['slow'] }, () => {
  test('into .git/hooks, executable; installing again updates it; uninstall removes it', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    const opened = await open(repo);
    const path = join(repo.cwd, '.git', 'hooks', 'pre-push');
    expect(await installPrePushHook(opened, { command: node, chain: false })).toEqual({ path, chained: null, previous: 'none' });
    expect(statSync(path).mode & 0o777).toBe(0o755);
    expect(await installPrePushHook(opened, { command: { kind: 'shell', command: 'blast' }, chain: false })).toMatchObject({ previous: 'blast' });
    expect(readFileSync(path, 'utf8')).toContain('feed | blast check --pre-push');
    expect(await uninstallPrePushHook(opened)).toEqual({ path, found: 'blast', restored: false });
    expect(existsSync(path)).toBe(false);
    expect(await uninstallPrePushHook(opened)).toEqual({ path, found: 'none', restored: false });
  });

  test('core.hooksPath is honoured, relative to the working tree, created when missing', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    repo.git(['config', 'core.hooksPath', 'tools/hooks']);
    const opened = await open(repo);
    expect(await hooksDirectory(opened)).toBe(join(repo.cwd, 'tools', 'hooks'));
    mkdirSync(join(repo.cwd, 'sub'));
    expect(await hooksDirectory(await open(repo, join(repo.cwd, 'sub')))).toBe(join(repo.cwd, 'tools', 'hooks'));
    expect((await installPrePushHook(opened, { command: node, chain: false })).path).toBe(join(repo.cwd, 'tools', 'hooks', 'pre-push'));
  });

  test('a linked worktree installs into the hooks every worktree shares', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    const linked = join(repo.cwd, '..', 'linked');
    repo.git(['worktree', 'add', '-q', linked, 'main']);
    const installed = await installPrePushHook(await open(repo, linked), { command: node, chain: false });
    expect(installed.path).toBe(join(repo.cwd, '.git', 'hooks', 'pre-push'));
  });

  test('a foreign hook is never overwritten; --chain keeps it and uninstall puts it back', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    const opened = await open(repo);
    const hooks = join(repo.cwd, '.git', 'hooks');
    const path = join(hooks, 'pre-push');
    writeFileSync(path, FOREIGN, { mode: 0o755 });

    const refused = await installPrePushHook(opened, { command: node, chain: false }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UsageError);
    expect(refused).toMatchObject({
      message: `a pre-push hook that is not blast's already exists at '${path}'`,
      hint: 'pass --chain to keep it (blast runs it first, and uninstall puts it back), or move it away yourself',
    });
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN);
    expect(await uninstallPrePushHook(opened)).toEqual({ path, found: 'foreign', restored: false });
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN);

    const chained = join(hooks, 'pre-push.blast-chained');
    expect(await installPrePushHook(opened, { command: node, chain: true })).toEqual({ path, chained, previous: 'chained' });
    expect(readFileSync(chained, 'utf8')).toBe(FOREIGN);
    expect(readFileSync(path, 'utf8')).toContain('feed | "$chained" "$@" || exit $?');
    // installing again (an upgrade) keeps calling the chained hook
    expect(await installPrePushHook(opened, { command: node, chain: false })).toEqual({ path, chained, previous: 'blast' });
    expect(readFileSync(path, 'utf8')).toContain('"$chained"');

    expect(await uninstallPrePushHook(opened)).toEqual({ path, found: 'blast', restored: true });
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN);
    expect(statSync(path).mode & 0o777).toBe(0o755);
    expect(existsSync(chained)).toBe(false);
  });

  test('chaining refuses when a chained hook is already there: one of them would be lost', async () => {
    const repo = await gitRepo({ base: { 'a.ts': 'a\n' } });
    const hooks = join(repo.cwd, '.git', 'hooks');
    writeFileSync(join(hooks, 'pre-push'), FOREIGN, { mode: 0o755 });
    writeFileSync(join(hooks, 'pre-push.blast-chained'), '#!/bin/sh\necho older\n', { mode: 0o755 });
    await expect(installPrePushHook(await open(repo), { command: node, chain: true })).rejects.toThrow(
      `cannot chain the pre-push hook at '${join(hooks, 'pre-push')}': '${join(hooks, 'pre-push.blast-chained')}' already exists`,
    );
    expect(readFileSync(join(hooks, 'pre-push'), 'utf8')).toBe(FOREIGN);
  });
});
