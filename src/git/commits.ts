import type { Repository } from './repository.js';
import { isCommit } from './root-commits.js';
import { runGit } from './run-git.js';

/** A person as a commit names them. */
export interface Identity {
  name: string;
  email: string;
}

/** One commit of a range, with what provenance and sign-off read from it. */
export interface CommitInfo {
  sha: string;
  author: Identity;
  committer: Identity;
  /**
   * The trailer lines of the message as git's own trailer parser finds them (the same parser as
   * `git interpret-trailers --parse`): only the final trailer block, continuation lines unfolded,
   * each normalised to `Key: value`.
   */
  trailers: string[];
}

// %(trailers:only,unfold) runs the parser of `git interpret-trailers --parse` in the same process
// for every commit; `-z` ends each commit with a NUL, so a commit is 6 NUL-separated fields.
const FORMAT = ['%H', '%an', '%ae', '%cn', '%ce', '%(trailers:only,unfold)'].join('%x00');
const FIELDS = 6;

/**
 * The commits reachable from `head` and not from `mergeBase`, oldest first (a merge-base that is
 * not a commit, the empty tree of a root commit's base, means every commit of `head`). Raw names
 * and emails, not `.mailmap`'d: evidence is what the commits say.
 * Throws GitError when `head` is not a commit.
 */
export async function listCommits(repo: Repository, mergeBase: string, head: string): Promise<CommitInfo[]> {
  const range = (await isCommit(repo, mergeBase)) ? [head, '--not', mergeBase] : [head];
  const output = await runGit(repo, ['log', '-z', '--reverse', '--no-color', `--format=${FORMAT}`, ...range, '--']);
  return parseCommits(output);
}

/** Parses the `-z` output of FORMAT. Exported for tests. */
export function parseCommits(output: string): CommitInfo[] {
  const fields = output.split('\0');
  const commits: CommitInfo[] = [];
  for (let i = 0; i + FIELDS <= fields.length; i += FIELDS) {
    const [sha = '', authorName = '', authorEmail = '', committerName = '', committerEmail = '', trailerText = ''] = fields.slice(i, i + FIELDS);
    if (!/^[0-9a-f]{40,64}$/.test(sha)) continue;
    commits.push({
      sha,
      author: { name: authorName, email: authorEmail },
      committer: { name: committerName, email: committerEmail },
      trailers: trailerText.split('\n').map(normaliseTrailer).filter((line): line is string => line !== undefined),
    });
  }
  return commits;
}

function normaliseTrailer(line: string): string | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0) return undefined;
  const key = line.slice(0, colon).trim();
  const value = line.slice(colon + 1).trim();
  return key === '' ? undefined : `${key}: ${value}`;
}
