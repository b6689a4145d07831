import type { Finding, Severity, Verdict } from '../types.js';
import type { Policy } from './schema.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warn: 1, info: 2 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Findings in report order: severity (error, warn, info), rule, file, line, message (code points). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareText(a.rule, b.rule) ||
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareText(a.message, b.message),
  );
}

/** fail with any error finding, warn with any warn finding, else pass (info never counts). */
export function verdictOf(findings: readonly Pick<Finding, 'severity'>[]): Verdict {
  if (findings.some((finding) => finding.severity === 'error')) return 'fail';
  if (findings.some((finding) => finding.severity === 'warn')) return 'warn';
  return 'pass';
}

/** Whether `check` exits 1: a failing verdict under `mode: enforce` (`observe` reports and exits 0). */
export function exitsNonZero(policy: Pick<Policy, 'mode'>, verdict: Verdict): boolean {
  return verdict === 'fail' && policy.mode === 'enforce';
}
