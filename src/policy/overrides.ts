import type { Finding } from '../types.js';
import type { Policy } from './schema.js';

/**
 * Whether an accepted approval lifts `finding`: a zone finding of a zone with `signoff`, or a
 * rule named by `approvals.overrides` (`thresholds` covers `thresholds.files`, `zones` covers
 * `zones.payments`). A `protected` finding is never lifted.
 */
export function isLiftedByApproval(policy: Pick<Policy, 'zones' | 'approvals'>, finding: Pick<Finding, 'rule'>): boolean {
  const { rule } = finding;
  if (rule === 'protected') return false;
  if (policy.zones.some((zone) => zone.signoff && rule === `zones.${zone.name}`)) return true;
  return policy.approvals.overrides.some((override) => rule === override || rule.startsWith(`${override}.`));
}
