// `zones`: a change or an affected symbol inside a zone is a finding with the zone's severity.
import type { Finding } from '../types.js';
import type { PolicyInput } from './input.js';
import { countOf, joinAnd, quote } from './messages.js';
import type { Policy } from './schema.js';
import { compileZones } from './zone-match.js';

/** One finding per zone that holds a changed symbol, a changed file or an affected symbol. */
export function zoneFindings(policy: Pick<Policy, 'zones'>, input: PolicyInput): Finding[] {
  const findings: Finding[] = [];
  const filesWithSymbols = new Set(input.changes.flatMap((change) => [change.file, change.oldFile ?? change.file]));
  for (const { zone, contains } of compileZones(policy)) {
    const changed = input.changes
      .filter((change) => contains(change.file) || (change.oldFile !== undefined && contains(change.oldFile)))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    // Changed files without changed symbols: JSON, CSS, configuration and other non-code files.
    const otherFiles = input.changedFiles.filter((path) => contains(path) && !filesWithSymbols.has(path)).sort();
    const affected = input.affected.symbols.filter((symbol) => contains(symbol.file));
    if (changed.length + otherFiles.length + affected.length === 0) continue;

    const parts: string[] = [];
    if (changed.length > 0) parts.push(countOf(changed.length, 'changed symbol'));
    if (otherFiles.length > 0) parts.push(countOf(otherFiles.length, 'changed file'));
    if (affected.length > 0) parts.push(countOf(affected.length, 'affected symbol'));
    const finding: Finding = {
      rule: `zones.${zone.name}`,
      severity: zone.severity,
      message: `zone ${quote(zone.name)} holds ${joinAnd(parts)}`,
    };
    const first = changed[0];
    const firstAffected = [...affected].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))[0];
    if (first) {
      finding.file = first.file;
      finding.line = first.line;
    } else if (otherFiles[0] !== undefined) {
      finding.file = otherFiles[0];
    } else if (firstAffected) {
      finding.file = firstAffected.file;
    }
    findings.push(finding);
  }
  return findings;
}
