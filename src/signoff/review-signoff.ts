import type { Repository } from '../git/index.js';
import { hasUncommittedChanges } from '../git/signoff-git.js';
import type { Finding, HeadMode } from '../types.js';
import { applySignoff, type SignoffPolicy } from './apply-signoff.js';
import { findApprovals, type Approval } from './find-approvals.js';

export interface ReviewInput {
  mergeBase: string;
  /** The head commit (HEAD's commit in the worktree and index modes). */
  headSha: string;
  /** The head side analysed: uncommitted work in it is never covered by an approval. */
  head: HeadMode;
  /** `ai` and `zones` of the policy in force; `approvals` of the merge-base policy. */
  policy: SignoffPolicy;
  aiAssisted: boolean;
  /** The policy's findings (`evaluatePolicy`). */
  findings: readonly Finding[];
}

export interface Review {
  approvals: Approval[];
  /** The findings with `overriddenBy` where lifted and the sign-off findings added, sorted. */
  findings: Finding[];
}

/**
 * The sign-off step of `check`, after the policy: finds the approvals of the change and applies
 * them. Throws GitError, or SignoffError when records exist but ssh-keygen is missing.
 */
export async function reviewSignoff(repo: Repository, input: ReviewInput): Promise<Review> {
  const approvals = await collectApprovals(repo, { mergeBase: input.mergeBase, headSha: input.headSha, head: input.head, approvals: input.policy.approvals });
  const findings = applySignoff(input.findings, { policy: input.policy, aiAssisted: input.aiAssisted, approvals });
  return { approvals, findings };
}

/**
 * The approvals of the change, judged against the merge-base policy's approvers: the half of
 * the review that needs no findings, so `check` runs it while the graph is built.
 */
export async function collectApprovals(
  repo: Repository,
  input: Pick<ReviewInput, 'mergeBase' | 'headSha' | 'head'> & { approvals: SignoffPolicy['approvals'] },
): Promise<Approval[]> {
  const uncommitted = input.head.kind === 'commit' ? false : await hasUncommittedChanges(repo, input.head.kind);
  return findApprovals(repo, { mergeBase: input.mergeBase, headSha: input.headSha, approvals: input.approvals, uncommitted });
}
