// Checks the schema cannot express, one small function each. They read the raw value of the
// YAML (not the schema's output) so that they still run, and report, when another part of the
// file is invalid; anything of the wrong type is skipped here because the schema reports it.
import { globProblem, isSymbolId, looksLikeSymbolId } from './glob-check.js';
import { describeValue, formatPath, quote, quoteList, type PathSegment } from './messages.js';
import { THRESHOLD_KEYS } from './schema.js';

/** A problem found by a semantic rule, at the node of `path`. */
export interface RuleIssue {
  path: PathSegment[];
  message: string;
}

/** A semantic rule: the raw policy value in, its problems out. */
export type SemanticRule = (raw: unknown) => RuleIssue[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function get(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isRecord(current) ? current[segment] : undefined;
  }
  return current;
}

function listAt(raw: unknown, path: readonly PathSegment[]): unknown[] {
  const value = get(raw, path);
  return Array.isArray(value) ? value : [];
}

/** The string entries of the list at `path`, with their paths. */
function stringsAt(raw: unknown, path: readonly PathSegment[]): Array<{ path: PathSegment[]; value: string }> {
  const found: Array<{ path: PathSegment[]; value: string }> = [];
  listAt(raw, path).forEach((value, index) => {
    if (typeof value === 'string') found.push({ path: [...path, index], value });
  });
  return found;
}

/** Paths of every glob list in the policy except `stopAt`, which mixes globs and ids. */
function globListPaths(raw: unknown): PathSegment[][] {
  const paths: PathSegment[][] = [['tests'], ['ignore']];
  listAt(raw, ['zones']).forEach((_, index) => paths.push(['zones', index, 'paths']));
  listAt(raw, ['triggers']).forEach((_, index) => paths.push(['triggers', index, 'paths']));
  paths.push(['ai', 'detect', 'authors'], ['ai', 'detect', 'branches']);
  return paths;
}

function globIssue(path: PathSegment[], pattern: string): RuleIssue | undefined {
  const problem = globProblem(pattern);
  if (problem === undefined) return undefined;
  return { path, message: `${formatPath(path)} must be a valid glob, got ${describeValue(pattern)}: ${problem}` };
}

/** Zone names are rule ids (`zones.<name>`), so two zones cannot share one. */
export const duplicateZoneNames: SemanticRule = (raw) => {
  const issues: RuleIssue[] = [];
  const firstIndex = new Map<string, number>();
  listAt(raw, ['zones']).forEach((zone, index) => {
    const name = get(zone, ['name']);
    if (typeof name !== 'string') return;
    const first = firstIndex.get(name);
    if (first === undefined) {
      firstIndex.set(name, index);
      return;
    }
    issues.push({
      path: ['zones', index, 'name'],
      message: `duplicate zone name ${quote(name)} (also ${formatPath(['zones', first, 'name'])}); zone names must be unique`,
    });
  });
  return issues;
};

/** Globs picomatch would accept but that can never match what the user meant. */
export const invalidGlobs: SemanticRule = (raw) => {
  const issues: RuleIssue[] = [];
  for (const listPath of globListPaths(raw)) {
    for (const { path, value } of stringsAt(raw, listPath)) {
      const issue = globIssue(path, value);
      if (issue) issues.push(issue);
    }
  }
  for (const { path, value } of stringsAt(raw, ['stopAt'])) {
    if (!looksLikeSymbolId(value)) {
      const issue = globIssue(path, value);
      if (issue) issues.push(issue);
    } else if (!isSymbolId(value)) {
      issues.push({
        path,
        message: `${formatPath(path)} must be a glob or a symbol id 'path#name', got ${describeValue(value)}`,
      });
    }
  }
  return issues;
};

/** `protected` lists symbols, never files or globs: `path#name`. */
export const invalidProtectedIds: SemanticRule = (raw) =>
  stringsAt(raw, ['protected'])
    .filter(({ value }) => !isSymbolId(value))
    .map(({ path, value }) => ({
      path,
      message: `${formatPath(path)} must be a symbol id 'path#name', got ${describeValue(value)}`,
    }));

/** A warn limit above its fail limit could never report a warning on its own. */
export const warnAboveFail: SemanticRule = (raw) => {
  const issues: RuleIssue[] = [];
  for (const prefix of [['thresholds'], ['ai', 'thresholds']]) {
    for (const key of THRESHOLD_KEYS) {
      const warnPath = [...prefix, 'warn', key];
      const failPath = [...prefix, 'fail', key];
      const warn = get(raw, warnPath);
      const fail = get(raw, failPath);
      if (typeof warn !== 'number' || typeof fail !== 'number' || warn <= fail) continue;
      issues.push({
        path: warnPath,
        message: `${formatPath(warnPath)} (${warn}) is above ${formatPath(failPath)} (${fail}); a warn limit must not be above its fail limit`,
      });
    }
  }
  return issues;
};

/** Trailer patterns are regular expressions, compiled case-insensitively. */
export const invalidTrailerRegexes: SemanticRule = (raw) => {
  const issues: RuleIssue[] = [];
  for (const { path, value } of stringsAt(raw, ['ai', 'detect', 'trailers'])) {
    try {
      new RegExp(value, 'i');
    } catch (error) {
      issues.push({
        path,
        message: `${formatPath(path)} must be a valid regular expression, got ${describeValue(value)}: ${regexProblem(error)}`,
      });
    }
  }
  return issues;
};

function regexProblem(error: unknown): string {
  // V8: "Invalid regular expression: /(a/i: Unterminated group"; keep the last part.
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.slice(message.lastIndexOf(': ') + 2);
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

/** `approvals.overrides: [zones.<name>]` must name a zone that exists. */
export const unknownOverrideZones: SemanticRule = (raw) => {
  const names = listAt(raw, ['zones']).map((zone) => get(zone, ['name']));
  const zoneNames = [...new Set(names.filter((name): name is string => typeof name === 'string'))];
  const defined = zoneNames.length === 0 ? 'no zones are defined' : `defined zones: ${quoteList(zoneNames)}`;
  const issues: RuleIssue[] = [];
  for (const { path, value } of stringsAt(raw, ['approvals', 'overrides'])) {
    const match = /^zones\.(.+)$/.exec(value);
    if (!match?.[1] || zoneNames.includes(match[1])) continue;
    issues.push({ path, message: `${formatPath(path)} names zone ${quote(match[1])}, which is not defined; ${defined}` });
  }
  return issues;
};

/** Each approver needs what the chosen trust checks: a key for `signed`, an email for `trailer`. */
export const approverIdentity: SemanticRule = (raw) => {
  const trust = get(raw, ['approvals', 'trust']) ?? 'signed';
  const needed =
    trust === 'signed'
      ? { key: 'key', why: '`trust: signed` verifies approvals with the ssh key of a listed approver' }
      : trust === 'trailer'
        ? { key: 'email', why: '`trust: trailer` matches the email of a `Blast-Approved-by:` trailer' }
        : undefined;
  if (!needed) return [];
  const issues: RuleIssue[] = [];
  listAt(raw, ['approvals', 'approvers']).forEach((approver, index) => {
    if (!isRecord(approver) || approver[needed.key] !== undefined) return;
    const path = ['approvals', 'approvers', index];
    const name = typeof approver.name === 'string' ? ` (${quote(approver.name)})` : '';
    issues.push({ path, message: `${formatPath(path)}${name} has no ${needed.key}; ${needed.why}` });
  });
  return issues;
};

/** Every semantic rule, in the order they run. */
export const semanticRules: readonly SemanticRule[] = [
  duplicateZoneNames,
  invalidGlobs,
  invalidProtectedIds,
  warnAboveFail,
  invalidTrailerRegexes,
  unknownOverrideZones,
  approverIdentity,
];
