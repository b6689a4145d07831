/**
 * The sign-off stage (DESIGN §7): provenance (is the change AI-assisted, and the evidence),
 * fingerprints, signed approval records in `refs/notes/blast`, and what accepted approvals lift.
 *
 * - `detectProvenance(repo, {mergeBase, headSha, branch, patterns, aiAssistedFlag})` → `Result['provenance']`
 *   (before the policy: `aiAssisted` selects `ai.thresholds`). `headBranchName(env, headRef)` gives `branch`.
 * - `reviewSignoff(repo, {mergeBase, headSha, head, policy, aiAssisted, findings})` → `{approvals, findings}`
 *   (after the policy): `collectApprovals` (which needs no findings, so may run early) + `applySignoff`.
 * - `createApproval(repo, {keyPath, baseRef, mergeBase, headSha, radius, …})` → the signed record,
 *   stored as a note on the head commit (`blast approve`).
 * Errors: GitError from git; SignoffError (exit 2) when ssh-keygen is missing or cannot sign, or
 * there is nothing committed to approve; UsageError for a missing key file.
 */
export { detectProvenance, provenanceOf, type DetectPatterns, type Evidence, type Provenance, type ProvenanceInput } from './provenance.js';
export { headBranchName } from './head-branch.js';
export { changeFingerprint, repositoryId } from './fingerprint.js';
export { summarizeRadius, type ApprovalRecord, type RadiusSummary } from './approval-record.js';
export { createApproval, type CreateApprovalInput, type CreatedApproval } from './create-approval.js';
export {
  APPROVAL_TRAILER,
  findApprovals,
  formatApprover,
  type Approval,
  type ApprovalsPolicy,
  type Approver,
  type FindApprovalsInput,
} from './find-approvals.js';
export { AI_SIGNOFF_RULE, applySignoff, isLiftedByApproval, type SignoffInput, type SignoffPolicy } from './apply-signoff.js';
export { collectApprovals, reviewSignoff, type Review, type ReviewInput } from './review-signoff.js';
export { SignoffError } from './signoff-error.js';
export { BLAST_NOTES_REF } from '../git/signoff-git.js';
