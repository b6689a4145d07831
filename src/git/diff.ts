import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { GitError } from '../errors.js';
import type { FileChange, HeadMode, LineRange } from '../types.js';
import { comparePaths } from './compare-paths.js';
import { DIFF_FLAGS } from './diff-flags.js';
import { headDetails } from './head.js';
import { parseNameStatus, parsePatch } from './parse-diff.js';
import type { Repository } from './repository.js';
import { resolveRevision } from './revisions.js';
import { runGit } from './run-git.js';
import { listUntracked } from './untracked.js';

/** git's own test for binary content: a NUL byte in the first 8000 bytes. */
const BINARY_PROBE_BYTES = 8000;

/**
 * The files changed between `mergeBase` and the head side, with their `-U0` line ranges on both
 * sides, sorted by path. worktree: tracked files against the working tree plus untracked,
 * non-ignored files as added (one range over all their lines); index: the staged state;
 * commit: read from objects only. Renames are detected (`path` new, `oldPath` old); a deleted
 * file has old ranges only, an added one new ranges only; binary files have no ranges.
 * Throws GitError for an unknown head ref or merge-base.
 */
export async function changedFiles(repo: Repository, mergeBase: string, head: HeadMode): Promise<FileChange[]> {
  if ((await resolveRevision(repo, mergeBase, 'tree')) === undefined) {
    throw new GitError(`merge base '${mergeBase}' not found`);
  }
  const revisions =
    head.kind === 'worktree'
      ? [mergeBase]
      : head.kind === 'index'
        ? ['--cached', mergeBase]
        : [mergeBase, (await headDetails(repo, head)).sha];
  const [nameStatus, patch, untracked] = await Promise.all([
    runGit(repo, ['diff', ...DIFF_FLAGS, '--find-renames', '--name-status', '-z', ...revisions, '--']),
    runGit(repo, ['diff', ...DIFF_FLAGS, '--find-renames', '-U0', ...revisions, '--']),
    head.kind === 'worktree' ? listUntracked(repo) : Promise.resolve([]),
  ]);
  const changes = mergeHunks(parseNameStatus(nameStatus), parsePatch(patch));
  const known = new Set(changes.map((change) => change.path));
  for (const path of untracked) {
    const change = known.has(path) ? undefined : untrackedChange(repo, path);
    if (change !== undefined) changes.push(change);
  }
  return changes.sort((a, b) => comparePaths(a.path, b.path));
}

interface Hunks {
  oldRanges: LineRange[];
  newRanges: LineRange[];
  binary: boolean;
}

/** Statuses and paths come from `--name-status -z`; ranges are matched to them by head path. */
function mergeHunks(entries: ReturnType<typeof parseNameStatus>, sections: ReturnType<typeof parsePatch>): FileChange[] {
  const hunksByPath = new Map<string, Hunks>();
  for (const section of sections) {
    const key = section.newPath ?? section.oldPath;
    if (key === null) continue;
    const hunks = hunksByPath.get(key);
    // a type change (file <-> symlink) is printed as a deletion and a creation of one path
    if (hunks === undefined) {
      hunksByPath.set(key, { oldRanges: [...section.oldRanges], newRanges: [...section.newRanges], binary: section.binary });
    } else {
      hunks.oldRanges.push(...section.oldRanges);
      hunks.newRanges.push(...section.newRanges);
      hunks.binary ||= section.binary;
    }
  }
  return entries.map((entry) => {
    const hunks = hunksByPath.get(entry.path);
    const change: FileChange = {
      status: entry.status,
      path: entry.path,
      oldRanges: entry.status === 'added' ? [] : (hunks?.oldRanges ?? []),
      newRanges: entry.status === 'deleted' ? [] : (hunks?.newRanges ?? []),
      binary: hunks?.binary ?? false,
    };
    if (entry.oldPath !== undefined) change.oldPath = entry.oldPath;
    else if (entry.status === 'deleted') change.oldPath = entry.path;
    return change;
  });
}

/** Synchronous reads: see `readFiles`. */
function untrackedChange(repo: Repository, path: string): FileChange | undefined {
  const absolute = join(repo.root, path);
  let content: Buffer;
  try {
    const info = lstatSync(absolute);
    if (info.isFile()) content = readFileSync(absolute);
    // git stores a symlink as a blob holding its target
    else if (info.isSymbolicLink()) content = Buffer.from(readlinkSync(absolute));
    else return undefined;
  } catch {
    return undefined;
  }
  const binary = content.subarray(0, BINARY_PROBE_BYTES).includes(0);
  const lines = binary ? 0 : countLines(content);
  return { status: 'added', path, oldRanges: [], newRanges: lines === 0 ? [] : [{ start: 1, count: lines }], binary };
}

function countLines(content: Buffer): number {
  if (content.length === 0) return 0;
  let lines = 0;
  for (let i = content.indexOf(10); i !== -1; i = content.indexOf(10, i + 1)) lines++;
  return content[content.length - 1] === 10 ? lines : lines + 1;
}
