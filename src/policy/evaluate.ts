import { ignoreInput } from './ignore.js';
import type { Evaluation, PolicyInput } from './input.js';
import { protectedFindings } from './protected-rule.js';
import type { Policy } from './schema.js';
import { computeScore, riskOf } from './score.js';
import { figuresOf, thresholdFindings } from './threshold-rule.js';
import { triggerFindings } from './trigger-rule.js';
import { sortFindings, verdictOf } from './verdict.js';
import { zoneFindings } from './zone-rule.js';

/**
 * Judges a change by the policy: drops `ignore`d paths, computes the score, runs the rules
 * (thresholds, zones, protected, triggers) and derives the verdict and the risk. Pure; never
 * throws for a valid Policy. Sign-off (`ai.signoff`, zone `signoff`, `approvals`) is not applied
 * here: the sign-off stage lifts findings afterwards.
 */
export function evaluatePolicy(policy: Policy, input: PolicyInput): Evaluation {
  const kept = ignoreInput(policy, input);
  const score = computeScore(policy, kept);
  const findings = sortFindings([
    ...thresholdFindings(policy, figuresOf(kept, score), kept.aiAssisted),
    ...zoneFindings(policy, kept),
    ...protectedFindings(policy, kept),
    ...triggerFindings(policy, kept),
  ]);
  const verdict = verdictOf(findings);
  return { findings, score, risk: riskOf(score, verdict), verdict };
}
