import type { Repository } from '../git/index.js';
import { patchId, rootCommits } from '../git/signoff-git.js';

/**
 * The fingerprint of the committed change `mergeBase..headSha` (DESIGN §7): `git diff --binary
 * --full-index --no-renames -U3 | git patch-id --verbatim`. Line numbers do not count, so a rebase
 * that keeps the diff keeps the fingerprint; any change to the diff changes it. Undefined for an
 * empty change. Uncommitted work is never part of it.
 * Throws GitError for an unknown revision.
 */
export async function changeFingerprint(repo: Repository, mergeBase: string, headSha: string): Promise<string | undefined> {
  return patchId(repo, mergeBase, headSha);
}

/**
 * The repository id an approval records: the oldest root commit of the merge-base's history
 * (of the head's when the merge-base is the empty tree of a first commit). Undefined only for a
 * repository without commits.
 */
export async function repositoryId(repo: Repository, mergeBase: string, headSha: string): Promise<string | undefined> {
  const roots = await rootCommits(repo, mergeBase);
  return (roots.length > 0 ? roots : await rootCommits(repo, headSha))[0];
}

/** Every root commit of the head's history: a record of this repository names one of them. */
export async function repositoryRoots(repo: Repository, headSha: string): Promise<string[]> {
  return rootCommits(repo, headSha);
}
