import type { ChangedSymbol, Finding, Severity } from '../types.js';

// DESIGN §5 sorts paths and ids by code point. JavaScript's `<` compares UTF-16 code units,
// which puts astral characters (surrogate pairs) before U+E000–U+FFFF; remapping the first
// differing unit fixes that without allocating.
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Orders two strings by Unicode code point, as `sort` in DESIGN §5 means. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** A sorted copy of a list of paths or ids. */
export function sortByCodePoint(values: readonly string[]): string[] {
  return [...values].sort(compareCodePoints);
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2 };

/**
 * Findings by severity, then rule (DESIGN §5), then location and message, so ties the
 * pipeline left in any order still print the same way.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      compareCodePoints(a.rule, b.rule) ||
      compareCodePoints(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareCodePoints(a.message, b.message),
  );
}

/** Findings an approval has not lifted: the ones that decided the verdict. */
export function isInForce(finding: Finding): boolean {
  return finding.overriddenBy === undefined;
}

/** Changed symbols by file, then line, then name: the order a reader walks a diff in. */
export function sortChanges(changes: readonly ChangedSymbol[]): ChangedSymbol[] {
  return [...changes].sort(
    (a, b) => compareCodePoints(a.file, b.file) || a.line - b.line || compareCodePoints(a.name, b.name),
  );
}

/** Consecutive runs of `items` sharing `key`, in order (the input is sorted by that key). */
export function groupRuns<T>(items: readonly T[], key: (item: T) => string): Array<{ key: string; items: T[] }> {
  const groups: Array<{ key: string; items: T[] }> = [];
  for (const item of items) {
    const k = key(item);
    const last = groups[groups.length - 1];
    if (last !== undefined && last.key === k) last.items.push(item);
    else groups.push({ key: k, items: [item] });
  }
  return groups;
}
