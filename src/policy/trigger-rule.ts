// `triggers`: a change to one of these files is a finding with the trigger's reason, not a radius.
import { compileGlobs } from '../glob.js';
import type { Finding } from '../types.js';
import type { PolicyInput } from './input.js';
import { joinAnd } from './messages.js';
import type { Policy } from './schema.js';

const LISTED_FILES = 3;

/**
 * One finding per trigger with a matching changed file; and a built-in one for changed ambient
 * declarations, whose users (code naming them without an import) blast cannot list.
 */
export function triggerFindings(policy: Pick<Policy, 'triggers'>, input: Pick<PolicyInput, 'changedFiles' | 'ambientFiles'>): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of policy.triggers) {
    const matches = compileGlobs(trigger.paths);
    const files = [...new Set(input.changedFiles.filter(matches))].sort();
    const first = files[0];
    if (first === undefined) continue;
    findings.push({
      rule: 'triggers',
      severity: trigger.severity,
      message: `${trigger.reason}: ${joinAnd(listed(files))} changed`,
      file: first,
    });
  }
  const ambient = input.ambientFiles ?? [];
  if (ambient.length > 0) {
    findings.push({
      rule: 'triggers',
      severity: 'warn',
      message: `global declarations, used without imports, so their users are not in the radius: ${joinAnd(listed(ambient))} changed`,
      file: ambient[0]!,
    });
  }
  return findings;
}

function listed(files: readonly string[]): string[] {
  const shown = files.slice(0, LISTED_FILES);
  if (files.length > LISTED_FILES) shown.push(`${files.length - LISTED_FILES} more`);
  return shown;
}
