import { GitError } from '../errors.js';
import type { HeadMode } from '../types.js';
import type { Repository } from './repository.js';
import { currentBranch, fullRefName, resolveRevision } from './revisions.js';

/** The head side's identity, as the report prints it. */
export interface HeadInfo {
  /** The branch name (worktree, index, `HEAD`), the `--head` ref as given, or `HEAD` when detached. */
  ref: string;
  /** The head commit; for the worktree and index modes, HEAD's commit. */
  sha: string;
  /** True for the worktree mode (uncommitted work is part of the head side). */
  worktree: boolean;
}

/** The head side plus what base resolution needs to know about it. */
export interface HeadDetails extends HeadInfo {
  /** How messages name the head: `HEAD`, or the `--head` ref quoted. */
  label: string;
  /** The local branch the head is on, if any (to recognise "on the default branch itself"). */
  branch: string | undefined;
}

/**
 * Resolves the head side of the comparison.
 * Throws GitError "head ref 'x' not found" for an unknown `--head` ref, and a GitError when the
 * repository has no commits yet.
 */
export async function describeHead(repo: Repository, head: HeadMode): Promise<HeadInfo> {
  const { ref, sha, worktree } = await headDetails(repo, head);
  return { ref, sha, worktree };
}

/** describeHead plus how messages name the head and the branch it is on (for base resolution). */
export async function headDetails(repo: Repository, head: HeadMode): Promise<HeadDetails> {
  if (head.kind === 'commit') {
    const sha = await resolveRevision(repo, head.ref);
    if (sha === undefined) {
      throw new GitError(`head ref '${head.ref}' not found`, {
        hint: 'check the name, or fetch it first',
      });
    }
    const full = await fullRefName(repo, head.ref);
    const branch = full?.startsWith('refs/heads/') ? full.slice('refs/heads/'.length) : undefined;
    // `--committed` and CI name the head `HEAD`: report the branch it stands for, like the worktree mode
    if (head.ref === 'HEAD') return { ref: branch ?? 'HEAD', sha, worktree: false, label: 'HEAD', branch };
    return { ref: head.ref, sha, worktree: false, label: `'${head.ref}'`, branch };
  }
  const [sha, branch] = await Promise.all([resolveRevision(repo, 'HEAD'), currentBranch(repo)]);
  if (sha === undefined) {
    throw new GitError(`the repository at '${repo.root}' has no commits yet`, {
      hint: 'make a first commit, then run blast again',
    });
  }
  return { ref: branch ?? 'HEAD', sha, worktree: head.kind === 'worktree', label: 'HEAD', branch };
}
