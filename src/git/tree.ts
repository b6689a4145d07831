import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitError } from '../errors.js';
import type { HeadMode, TreeFile } from '../types.js';
import { comparePaths } from './compare-paths.js';
import { DIFF_FLAGS } from './diff-flags.js';
import { hashBlob } from './hash-blob.js';
import { parseNameStatus, type NameStatusEntry } from './parse-diff.js';
import type { Repository } from './repository.js';
import { resolveRevision } from './revisions.js';
import { runGit } from './run-git.js';
import { listUntracked } from './untracked.js';

/**
 * One side of the comparison: the working tree, the index, or a revision (the head commit, the
 * merge-base, or the empty tree id of a root commit's base).
 */
export type Side = HeadMode;

const REGULAR_FILE_MODES = new Set(['100644', '100755']);

/**
 * Every regular file of one side with its blob id, sorted by path: a revision from
 * `git ls-tree -r`, the index from `git ls-files -s`, the worktree from the index minus files
 * deleted on disk, with dirty and untracked (non-ignored) files hashed in-process like
 * `git hash-object`. Symlinks and submodules are left out. Three git processes at most.
 * Throws GitError "revision 'x' not found" for an unknown revision.
 */
export async function listFiles(repo: Repository, side: Side, options: ListOptions = {}): Promise<TreeFile[]> {
  if (side.kind === 'commit') return listRevision(repo, side.ref);
  if (side.kind === 'index') {
    const files: TreeFile[] = [];
    for (const [path, entry] of parseIndex(await runGit(repo, ['ls-files', '-s', '-z']))) {
      if (REGULAR_FILE_MODES.has(entry.mode)) files.push({ path, blob: entry.blob });
    }
    return files.sort(byPath);
  }
  return listWorktree(repo, options);
}

export interface ListOptions {
  /**
   * For the worktree: told, as soon as git has said which they are and before any is hashed,
   * the paths whose content no git object holds yet, in two calls, each as git answers: the
   * modified files in one, the untracked ones in the other.
   */
  onWorkOnDisk?: (paths: readonly string[]) => void;
}

async function listRevision(repo: Repository, ref: string): Promise<TreeFile[]> {
  const tree = await resolveRevision(repo, ref, 'tree');
  if (tree === undefined) throw new GitError(`revision '${ref}' not found`);
  const files: TreeFile[] = [];
  for (const entry of await listTree(repo, tree)) {
    if (REGULAR_FILE_MODES.has(entry.mode)) files.push({ path: entry.path, blob: entry.blob });
  }
  return files.sort(byPath);
}

/** Every blob of a tree (regular files and symlinks) from `git ls-tree -r -z`, in git's order. */
export async function listTree(repo: Repository, tree: string): Promise<Array<{ path: string; mode: string; blob: string }>> {
  const entries: Array<{ path: string; mode: string; blob: string }> = [];
  // `<mode> SP <type> SP <object> TAB <path> NUL`
  eachRecord(await runGit(repo, ['ls-tree', '-r', '-z', '--full-tree', tree]), (mode, type, blob, path) => {
    if (type === 'blob') entries.push({ path, mode, blob });
  });
  return entries;
}

/**
 * Each record of `git ls-tree -z` or `git ls-files -s -z`: three fields and a space after each
 * of the first two, a tab, the path, NUL. Read in place: a monorepo lists tens of thousands of
 * records, and splitting each into pieces is most of the cost of listing them.
 */
function eachRecord(output: string, visit: (first: string, second: string, third: string, path: string) => void): void {
  for (let start = 0; start < output.length; ) {
    let end = output.indexOf('\0', start);
    if (end < 0) end = output.length;
    const tab = output.indexOf('\t', start);
    const second = output.indexOf(' ', start) + 1;
    const third = output.indexOf(' ', second) + 1;
    if (tab > start && tab < end && second > 0 && third > second && third < tab) {
      visit(output.slice(start, second - 1), output.slice(second, third - 1), output.slice(third, tab), output.slice(tab + 1, end));
    }
    start = end + 1;
  }
}

interface IndexEntry {
  mode: string;
  blob: string;
  stage: number;
}

/** A conflict's stages, best first: "ours" (stage 2) stands in for the file. */
const STAGE_PREFERENCE = [0, 2, 3, 1];

/** `git ls-files -s -z`: `<mode> SP <object> SP <stage> TAB <path> NUL`. */
function parseIndex(output: string): Map<string, IndexEntry> {
  const entries = new Map<string, IndexEntry>();
  eachRecord(output, (mode, blob, stageText, path) => {
    const stage = Number(stageText);
    const existing = entries.get(path);
    if (existing === undefined || STAGE_PREFERENCE.indexOf(stage) < STAGE_PREFERENCE.indexOf(existing.stage)) entries.set(path, { mode, blob, stage });
  });
  return entries;
}

/** The working tree against the index: tracked files changed on disk, and untracked files git does not ignore. */
export interface WorktreeChanges {
  changed: NameStatusEntry[];
  untracked: string[];
}

interface WorktreeAnswers {
  changed: Promise<NameStatusEntry[]>;
  untracked: Promise<string[]>;
}

const worktreeAnswers = new WeakMap<Repository, WorktreeAnswers>();

/**
 * What git says of the working tree, asked once per repository handle (one command's view),
 * each half as soon as git answers it: the listing needs it, and so does the sign-off's
 * question whether any work is uncommitted.
 */
function askWorktree(repo: Repository): WorktreeAnswers {
  let answers = worktreeAnswers.get(repo);
  if (answers === undefined) {
    answers = {
      // the index against the working tree: modified, type-changed, deleted and intent-to-add files
      changed: runGit(repo, ['diff', ...DIFF_FLAGS, '--no-renames', '--name-status', '-z', '--']).then(parseNameStatus),
      untracked: listUntracked(repo),
    };
    worktreeAnswers.set(repo, answers);
  }
  return answers;
}

/** See `askWorktree`. */
export async function worktreeChanges(repo: Repository): Promise<WorktreeChanges> {
  const answers = askWorktree(repo);
  const [changed, untracked] = await Promise.all([answers.changed, answers.untracked]);
  return { changed, untracked };
}

async function listWorktree(repo: Repository, options: ListOptions): Promise<TreeFile[]> {
  const answers = askWorktree(repo);
  const { onWorkOnDisk } = options;
  if (onWorkOnDisk) {
    // Each half as git gives it: the diff is often answered well before the untracked files.
    // A failure here is the listing's to report, below.
    void answers.changed.then((changed) => onWorkOnDisk(changed.flatMap(({ status, path }) => (status === 'deleted' ? [] : [path])))).catch(() => undefined);
    void answers.untracked.then(onWorkOnDisk).catch(() => undefined);
  }
  const [indexOutput, changed, untracked] = await Promise.all([runGit(repo, ['ls-files', '-s', '-z']), answers.changed, answers.untracked]);
  const blobs = new Map<string, string>();
  const index = parseIndex(indexOutput);
  for (const [path, entry] of index) {
    if (REGULAR_FILE_MODES.has(entry.mode)) blobs.set(path, entry.blob);
  }
  const toHash: string[] = [...untracked];
  for (const { status, path } of changed) {
    blobs.delete(path);
    // what is on disk now decides: a symlink that became a file counts, a file that became one not
    if (status !== 'deleted') toHash.push(path);
  }
  for (const path of toHash) {
    const blob = hashWorktreeFile(repo, path);
    if (blob !== undefined) blobs.set(path, blob);
  }
  return [...blobs].map(([path, blob]) => ({ path, blob })).sort(byPath);
}

/**
 * The blob id of a regular file on disk; undefined for anything else (gone, symlink, directory).
 * Synchronous on purpose: for thousands of small files, sync reads are several times faster than
 * fs.promises, and nothing else is waiting on this process meanwhile.
 */
function hashWorktreeFile(repo: Repository, path: string): string | undefined {
  try {
    const absolute = join(repo.root, path);
    if (!lstatSync(absolute).isFile()) return undefined;
    return hashBlob(readFileSync(absolute), repo.objectFormat);
  } catch {
    return undefined;
  }
}

function byPath(a: TreeFile, b: TreeFile): number {
  return comparePaths(a.path, b.path);
}
