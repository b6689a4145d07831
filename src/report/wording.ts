import type { ChangedSymbol, Finding, Result } from '../types.js';

/** `12,345`: grouped digits, the same on every locale. */
export function formatNumber(value: number): string {
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** `1 file`, `3 files`, `1 entry point`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}

/**
 * `@team-a (5 files)`, `@bob (2)`: each owner with the changed and affected files it owns; the
 * first count says what it counts, the others follow it.
 */
export function describeOwners(owners: Result['affected']['owners'], name: (owner: string) => string = (owner) => owner): string[] {
  return owners.map((owner, i) => `${name(owner.owner)} (${i === 0 ? countOf(owner.files, 'file') : formatNumber(owner.files)})`);
}

/** The 7-character abbreviation git prints; `unknown` when the stage had no sha. */
export function shortSha(sha: string): string {
  return sha === '' ? 'unknown' : sha.slice(0, 7);
}

/** `modified (signature)`, `added`, `trivia (comments, whitespace)`. */
export function describeChange(change: ChangedSymbol): string {
  switch (change.change) {
    case 'modified':
      return change.surface === undefined ? 'modified' : `modified (${change.surface})`;
    case 'trivia':
      return 'trivia (comments, whitespace)';
    default:
      return change.change;
  }
}

/** `160 (limit 150)`, or nothing when the finding has no figure. */
export function describeFigure(finding: Finding): string | undefined {
  if (finding.figure === undefined) return undefined;
  const figure = formatNumber(finding.figure);
  return finding.limit === undefined ? figure : `${figure} (limit ${formatNumber(finding.limit)})`;
}

/** `src/a.ts:12`, `src/a.ts`, or nothing. */
export function describeLocation(finding: Finding): string | undefined {
  if (finding.file === undefined) return undefined;
  return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}

/** `.blast.yml`, `.blast.yml at the merge-base`, `built-in default`. */
export function describePolicy(policy: Result['policy']): string {
  if (policy.path === null || policy.source === 'default') return 'built-in default';
  return policy.source === 'base' ? `${policy.path} at the merge-base` : policy.path;
}

// `--head 1a2b3c4d` or a detached CI checkout names the commit by its sha: print it once.
function describeRevision(ref: string, sha: string): string {
  const isShaItself = /^[0-9a-f]{7,64}$/.test(ref) && sha.startsWith(ref);
  return ref === '' || isShaItself ? shortSha(sha) : `${ref} ${shortSha(sha)}`;
}

/** `feature/x 1a2b3c4 + working tree`. */
export function describeHead(head: Result['head']): string {
  const revision = describeRevision(head.ref, head.sha);
  return head.worktree ? `${revision} + working tree` : revision;
}

/** `origin/main 9f8e7d6`. */
export function describeBase(base: Result['base']): string {
  return describeRevision(base.ref, base.sha);
}

/** `2 errors, 1 warning`, over the findings still in force; empty when there are none. */
export function describeFindingCounts(findings: readonly Finding[]): string {
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const finding of findings) {
    if (finding.overriddenBy !== undefined) continue;
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warn') warnings++;
    else notes++;
  }
  const parts: string[] = [];
  if (errors > 0) parts.push(countOf(errors, 'error'));
  if (warnings > 0) parts.push(countOf(warnings, 'warning'));
  if (notes > 0) parts.push(countOf(notes, 'info', 'info'));
  return parts.join(', ');
}

/** One line for one piece of AI-assistance evidence: `trailer in 1a2b3c4: Co-authored-by: …`. */
export function describeEvidence(evidence: Result['provenance']['evidence'][number]): string {
  return evidence.source === 'flag'
    ? `flag: ${evidence.match}`
    : `${evidence.source} in ${shortSha(evidence.commit)}: ${evidence.match}`;
}

/** Collapses line breaks and trims: every format here prints a finding message on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
