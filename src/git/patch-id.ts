import { GitError } from '../errors.js';
import type { Repository } from './repository.js';
import { resolveRevision } from './revisions.js';
import { pipeGit } from './spawn-git.js';

/**
 * The diff DESIGN §7 fingerprints: `--binary --full-index --no-renames -U3`. The other flags pin
 * what user or system configuration could change in the bytes patch-id hashes (colour, external
 * diff and textconv drivers, prefixes, algorithm, hunk merging, submodule format, blank context
 * lines) to git's defaults, so the approver's machine and CI compute the same fingerprint.
 */
const FINGERPRINT_DIFF: readonly string[] = [
  '-c',
  'diff.suppressBlankEmpty=false',
  'diff',
  '--binary',
  '--full-index',
  '--no-renames',
  '-U3',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--diff-algorithm=myers',
  '--indent-heuristic',
  '--inter-hunk-context=0',
  '--submodule=short',
  '--ignore-submodules=none',
];

/**
 * `git diff … <mergeBase> <head> | git patch-id --verbatim` (DESIGN §7): the patch id of the
 * committed change, which ignores line numbers, so a rebase that keeps the diff keeps it.
 * `--verbatim` implies `--stable` (file order does not matter) and keeps whitespace.
 * Returns undefined for an empty change. Throws GitError for an unknown revision.
 */
export async function patchId(repo: Repository, mergeBase: string, head: string): Promise<string | undefined> {
  for (const [what, rev] of [['merge base', mergeBase], ['head', head]] as const) {
    if ((await resolveRevision(repo, rev, 'tree')) === undefined) throw new GitError(`${what} '${rev}' not found`);
  }
  const output = await pipeGit(repo, [...FINGERPRINT_DIFF, mergeBase, head, '--'], ['patch-id', '--verbatim']);
  const id = output.toString('utf8').trim().split(/\s+/)[0] ?? '';
  return id === '' ? undefined : id;
}
