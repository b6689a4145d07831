import type { Finding, Severity } from '../types.js';
import { formatApprover, type Approval, type ApprovalsPolicy } from './find-approvals.js';

/**
 * The policy pieces sign-off needs (DESIGN §6), structurally: the sign-off stage may not import
 * the policy stage, and the normalised `Policy` fits this shape as it is. `approvals` should be
 * the merge-base policy's, so that a change cannot add its own approver.
 */
export interface SignoffPolicy {
  readonly ai: { readonly signoff: boolean };
  readonly zones: ReadonlyArray<{ readonly name: string; readonly signoff: boolean }>;
  readonly approvals: ApprovalsPolicy;
}

export interface SignoffInput {
  policy: SignoffPolicy;
  aiAssisted: boolean;
  /** Every approval found, accepted or not; only accepted ones lift findings. */
  approvals: readonly Approval[];
}

/** The rule of the finding `ai.signoff` adds. */
export const AI_SIGNOFF_RULE = 'ai.signoff';

/**
 * Applies sign-off to the policy's findings (pure):
 * - `ai.signoff`: an AI-assisted change with any warn or error finding gets an error finding
 *   `ai.signoff` ("AI-assisted change with a high blast radius: sign-off required from one of: …").
 * - a zone with `signoff: true` whose warn or error finding stands gets an info finding
 *   `zones.<name>.signoff` naming who can lift it (info: the zone finding already carries the
 *   severity, and a second error would count the zone twice).
 * - with an accepted approval, `overriddenBy` is set on the `ai.signoff` finding, on zone findings
 *   of zones with `signoff`, and on findings whose rule `approvals.overrides` names
 *   (`thresholds` covers `thresholds.files`); a `protected` finding is never lifted.
 * Returns every finding, sorted by severity, rule, file, line, message. The verdict is then that
 * of the findings without `overriddenBy`.
 */
export function applySignoff(findings: readonly Finding[], input: SignoffInput): Finding[] {
  const accepted = input.approvals.filter((approval) => approval.accepted);
  const overriddenBy =
    accepted.length === 0
      ? undefined
      : accepted.map((approval) => (approval.trust === 'trailer' ? `${approval.approver} (trailer)` : approval.approver)).join(', ');
  const signers = eligibleApprovers(input.policy.approvals);
  const result: Finding[] = [];
  const isLifted = (finding: Finding): boolean =>
    overriddenBy !== undefined && finding.severity !== 'info' && isLiftedByApproval(input.policy, finding.rule);

  for (const finding of findings) {
    result.push(isLifted(finding) && finding.overriddenBy === undefined ? { ...finding, overriddenBy } : { ...finding });
    const zone = input.policy.zones.find((candidate) => candidate.signoff && finding.rule === `zones.${candidate.name}`);
    if (zone !== undefined && finding.severity !== 'info' && !isLifted(finding)) {
      const signoff: Finding = {
        rule: `zones.${zone.name}.signoff`,
        severity: 'info',
        message: `zone '${zone.name}' needs sign-off to lift its ${finding.severity}: ${whoCanSign(signers)}`,
      };
      if (finding.file !== undefined) signoff.file = finding.file;
      if (finding.line !== undefined) signoff.line = finding.line;
      result.push(signoff);
    }
  }

  const needsSignoff = findings.some((finding) => finding.severity === 'error' || finding.severity === 'warn');
  if (input.policy.ai.signoff && input.aiAssisted && needsSignoff) {
    const finding: Finding = {
      rule: AI_SIGNOFF_RULE,
      severity: 'error',
      message: `AI-assisted change with a high blast radius: ${whoCanSign(signers)}`,
    };
    if (overriddenBy !== undefined) finding.overriddenBy = overriddenBy;
    result.push(finding);
  }
  return sortFindings(result);
}

/**
 * Whether an accepted approval lifts a finding of `rule`: `ai.signoff`, a zone with `signoff`, or
 * a rule `approvals.overrides` names; never `protected`. The same rule as `isLiftedByApproval`
 * of the policy stage, plus `ai.signoff`.
 */
export function isLiftedByApproval(policy: Pick<SignoffPolicy, 'zones' | 'approvals'>, rule: string): boolean {
  if (rule === 'protected' || rule.startsWith('protected.')) return false;
  if (rule === AI_SIGNOFF_RULE) return true;
  if (policy.zones.some((zone) => zone.signoff && rule === `zones.${zone.name}`)) return true;
  return policy.approvals.overrides.some((override) => rule === override || rule.startsWith(`${override}.`));
}

/** Approvers whose approval can be accepted under the policy's trust. */
function eligibleApprovers(approvals: ApprovalsPolicy): string[] {
  return approvals.approvers
    .filter((approver) => approver.key !== null || (approvals.trust === 'trailer' && approver.email !== null))
    .map(formatApprover);
}

function whoCanSign(signers: readonly string[]): string {
  return signers.length === 0
    ? 'sign-off required, but the base policy lists no approver who can give it (approvals.approvers)'
    : `sign-off required from one of: ${signers.join(', ')}`;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warn: 1, info: 2 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** DESIGN §5 order, as the policy stage sorts: severity, rule, file, line, message. */
function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareText(a.rule, b.rule) ||
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareText(a.message, b.message),
  );
}
