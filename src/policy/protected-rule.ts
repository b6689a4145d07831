// `protected`: any reach of a listed symbol is an error, and no approval lifts it.
import type { Finding } from '../types.js';
import type { PolicyInput } from './input.js';
import { quote } from './messages.js';
import type { Policy } from './schema.js';

/** One error per protected symbol that is changed or affected. */
export function protectedFindings(policy: Pick<Policy, 'protected'>, input: PolicyInput): Finding[] {
  const findings: Finding[] = [];
  for (const id of new Set(policy.protected)) {
    const change = input.changes.find((candidate) => candidate.id === id);
    if (change) {
      const how = change.change === 'trivia' ? 'changed (comments or whitespace only)' : change.change;
      findings.push({
        rule: 'protected',
        severity: 'error',
        message: `protected symbol ${quote(id)} is ${how}`,
        file: change.file,
        line: change.line,
      });
      continue;
    }
    const affected = input.affected.symbols.find((candidate) => candidate.id === id);
    if (affected) {
      findings.push({
        rule: 'protected',
        severity: 'error',
        message: `protected symbol ${quote(id)} is affected at depth ${affected.depth}, via ${quote(affected.via)}`,
        file: affected.file,
      });
    }
  }
  return findings;
}
