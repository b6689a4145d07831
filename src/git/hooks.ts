// The pre-push hook file: where git looks for hooks, and writing, chaining and removing blast's
// own hook without ever losing someone else's. The only code that writes into the hooks directory.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Repository } from './repository.js';
import { runGit } from './run-git.js';

/** How the hook runs blast: a node binary and blast's `bin/blast.js`, or a shell command. */
export type HookCommand = { kind: 'node'; node: string; script: string } | { kind: 'shell'; command: string };

export interface HookInstallation {
  /** The hook file written. */
  path: string;
  /** The foreign hook kept and run first (`--chain`), if any. */
  chained: string | null;
  /** What was at `path` before: nothing, an older blast hook, or a foreign hook now chained. */
  previous: 'none' | 'blast' | 'chained';
}

export interface HookRemoval {
  path: string;
  /** What uninstall found at `path`. */
  found: 'none' | 'blast' | 'foreign';
  /** The chained hook moved back to `path`, if any. */
  restored: boolean;
}

const HOOK = 'pre-push';
const CHAINED = 'pre-push.blast-chained';
/** The line that makes a hook blast's own: uninstall removes nothing without it. */
const MARKER = '# blast-hook: pre-push';

/**
 * The directory git runs hooks from: `core.hooksPath` when set (relative to the working tree's
 * root), else `hooks/` in the common git directory, which every linked worktree shares.
 */
export async function hooksDirectory(repo: Repository): Promise<string> {
  const path = (await runGit(repo, ['rev-parse', '--git-path', 'hooks'])).trim();
  return resolve(repo.root, path);
}

/**
 * Writes blast's pre-push hook. An older blast hook is replaced; a foreign hook is never
 * overwritten: without `chain` it is a UsageError, with `chain` it is moved to
 * `pre-push.blast-chained` and the new hook runs it first (with the same arguments and stdin).
 * Throws UsageError when a chained hook is already there (two foreign hooks: one would be lost).
 */
export async function installPrePushHook(repo: Repository, options: { command: HookCommand; chain: boolean }): Promise<HookInstallation> {
  const dir = await hooksDirectory(repo);
  const path = join(dir, HOOK);
  const chainedPath = join(dir, CHAINED);
  const existing = await readHook(path);
  let previous: HookInstallation['previous'] = existing === undefined ? 'none' : 'blast';
  if (existing !== undefined && !existing.includes(MARKER)) {
    if (!options.chain) {
      throw new UsageError(`a pre-push hook that is not blast's already exists at '${path}'`, {
        hint: 'pass --chain to keep it (blast runs it first, and uninstall puts it back), or move it away yourself',
      });
    }
    if (await exists(chainedPath)) {
      throw new UsageError(`cannot chain the pre-push hook at '${path}': '${chainedPath}' already exists`, {
        hint: 'move one of them away, then run blast hook install --chain again',
      });
    }
    await rename(path, chainedPath);
    previous = 'chained';
  }
  const chained = (await exists(chainedPath)) ? chainedPath : null;
  await mkdir(dir, { recursive: true });
  // written beside the hook, then renamed over it: git never runs a half-written hook
  const temporary = join(dir, `.${HOOK}.blast-${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, prePushScript(options.command, { chained: chained !== null }), { mode: 0o755 });
  await chmod(temporary, 0o755);
  await rename(temporary, path);
  return { path, chained, previous };
}

/**
 * Removes blast's pre-push hook and moves a chained hook back in its place. A foreign hook is
 * left alone (`found: 'foreign'`); nothing installed is `found: 'none'`.
 */
export async function uninstallPrePushHook(repo: Repository): Promise<HookRemoval> {
  const dir = await hooksDirectory(repo);
  const path = join(dir, HOOK);
  const chainedPath = join(dir, CHAINED);
  const existing = await readHook(path);
  if (existing === undefined) return { path, found: 'none', restored: false };
  if (!existing.includes(MARKER)) return { path, found: 'foreign', restored: false };
  if (await exists(chainedPath)) {
    await rename(chainedPath, path);
    return { path, found: 'blast', restored: true };
  }
  await rm(path, { force: true });
  return { path, found: 'blast', restored: false };
}

/**
 * The hook script, for any POSIX `sh`. git's arguments (remote name and URL) and stdin (one line
 * per pushed ref) go to the chained hook first, if any, then to `blast check --pre-push`.
 */
export function prePushScript(command: HookCommand, options: { chained: boolean }): string {
  const lines = [
    '#!/bin/sh',
    MARKER,
    '# Written by `blast hook install`; `blast hook uninstall` removes it. It checks each pushed ref',
    '# against the blast policy; `git push --no-verify` skips it once.',
    'input=$(cat)',
    'feed() {',
    '  if [ -n "$input" ]; then printf \'%s\\n\' "$input"; fi',
    '}',
  ];
  if (options.chained) {
    lines.push(
      `chained="$(dirname "$0")/${CHAINED}"`,
      'if [ -x "$chained" ]; then',
      '  feed | "$chained" "$@" || exit $?',
      'fi',
    );
  }
  if (command.kind === 'node') {
    lines.push(
      `blast=${shellQuote(command.script)}`,
      'if [ ! -f "$blast" ]; then',
      '  echo "blast: the pre-push hook cannot find $blast; install it again (blast hook install), or push with --no-verify to skip this check" >&2',
      '  exit 1',
      'fi',
      `feed | ${shellQuote(command.node)} "$blast" check --pre-push "$@"`,
    );
  } else {
    lines.push(`feed | ${command.command} check --pre-push "$@"`);
  }
  return `${lines.join('\n')}\n`;
}

/** `'it'\''s'`: one word for sh, whatever it holds. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

async function readHook(path: string): Promise<string | undefined> {
  if (!(await exists(path))) return undefined;
  // a dangling symlink or a directory counts as someone's hook: never blast's
  return readFile(path, 'utf8').catch(() => '');
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
