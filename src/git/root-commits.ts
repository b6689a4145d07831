import type { Repository } from './repository.js';
import { runGit } from './run-git.js';

/**
 * Whether `rev` names a commit (or a tag of one). False for a tree, such as the empty tree that
 * stands for a root commit's merge-base, and for a missing object: neither has a history.
 */
export async function isCommit(repo: Repository, rev: string): Promise<boolean> {
  if (rev === '' || rev.startsWith('-') || rev.includes('\n')) return false;
  // `^{commit}` on a tree is an error with words on stderr, not a quiet "no": ask for the type
  // of what it names, tags peeled (`^{}`), in one process. A missing object is a "no" too.
  try {
    return (await runGit(repo, ['cat-file', '-t', `${rev}^{}`])).trim() === 'commit';
  } catch (error) {
    if (error instanceof Error && /not a valid object name/i.test(error.message + String(error.cause))) return false;
    throw error;
  }
}

/**
 * The root commits (no parents) reachable from `rev`, oldest first: the identity of the
 * repository a change belongs to (DESIGN §7). Empty when `rev` is not a commit.
 */
export async function rootCommits(repo: Repository, rev: string): Promise<string[]> {
  if (!(await isCommit(repo, rev))) return [];
  const output = await runGit(repo, ['rev-list', '--max-parents=0', '--reverse', rev, '--']);
  return output.split('\n').filter((sha) => sha !== '');
}
