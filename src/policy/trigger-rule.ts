// `triggers`: a change to one of these files is a finding with the trigger's reason, not a radius.
import { compileGlobs } from '../glob.js';
import type { Finding } from '../types.js';
import type { PolicyInput } from './input.js';
import { joinAnd } from './messages.js';
import type { Policy } from './schema.js';

const LISTED_FILES = 3;

/** One finding per trigger with a matching changed file. */
export function triggerFindings(policy: Pick<Policy, 'triggers'>, input: Pick<PolicyInput, 'changedFiles'>): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of policy.triggers) {
    const matches = compileGlobs(trigger.paths);
    const files = [...new Set(input.changedFiles.filter(matches))].sort();
    const first = files[0];
    if (first === undefined) continue;
    const listed = files.slice(0, LISTED_FILES);
    if (files.length > LISTED_FILES) listed.push(`${files.length - LISTED_FILES} more`);
    findings.push({
      rule: 'triggers',
      severity: trigger.severity,
      message: `${trigger.reason}: ${joinAnd(listed)} changed`,
      file: first,
    });
  }
  return findings;
}
