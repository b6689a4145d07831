// CODEOWNERS: who owns the files a change touches and reaches. Pure: text in, matcher out.
//
// The patterns are translated to regular expressions here, following GitHub's rules rather than
// picomatch's, because the two disagree where it matters: a CODEOWNERS pattern names a file *or
// a directory* (`apps` owns `apps/web/main.ts`), a pattern without a slash matches at any depth,
// and a trailing `*` segment does not reach into subdirectories (`docs/*` owns `docs/a.md`, not
// `docs/guides/a.md`). GitHub's rules, as documented for CODEOWNERS:
//
// - the syntax is gitignore's, minus what GitHub does not support: `!` negation and `[ ]`
//   character ranges (such lines are skipped, as GitHub skips lines it cannot read);
// - a leading `/` anchors the pattern at the repository root; so does a `/` in the middle;
//   a pattern with no `/` except a trailing one matches at any depth;
// - a trailing `/` matches the directory's contents only, never a file of that name;
// - `*` and `?` never cross a `/`; `**` does (`**/x`, `x/**`, `a/**/b`);
// - the last matching rule wins, and a matching rule without owners leaves the file unowned;
// - matching is case-sensitive.

/** Where GitHub looks for the file, in the order it looks; the first one found is used. */
export const CODEOWNERS_PATHS: readonly string[] = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

export interface CodeOwnersRule {
  pattern: string;
  /** `@user`, `@org/team` or an email address; empty: the matched files have no owner. */
  owners: string[];
  /** 1-based line in the file. */
  line: number;
}

export interface CodeOwners {
  rules: CodeOwnersRule[];
  /** Lines GitHub would skip too, with why, for a warning. */
  skipped: Array<{ line: number; reason: string }>;
  /** The owners of a repo-relative `/` path: those of the last rule matching it. */
  ownersOf(path: string): string[];
}

const OWNER = /^(?:@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^\s@]+@[^\s@]+\.[^\s@]+)$/;

/**
 * Parses the text of a CODEOWNERS file. Never throws: a line it cannot read is skipped and
 * listed in `skipped`, as GitHub skips it.
 */
export function parseCodeOwners(text: string): CodeOwners {
  const rules: Array<CodeOwnersRule & { regex: RegExp }> = [];
  const skipped: CodeOwners['skipped'] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    const tokens = tokenize(raw);
    const [pattern, ...owners] = tokens;
    if (pattern === undefined) continue;
    const problem = patternProblem(pattern) ?? ownerProblem(owners);
    if (problem !== undefined) {
      skipped.push({ line, reason: problem });
      continue;
    }
    rules.push({ pattern, owners, line, regex: compilePattern(pattern) });
  }
  return {
    rules: rules.map(({ pattern, owners, line }) => ({ pattern, owners, line })),
    skipped,
    ownersOf(path) {
      for (let i = rules.length - 1; i >= 0; i--) {
        const rule = rules[i]!;
        if (rule.regex.test(path)) return [...rule.owners];
      }
      return [];
    },
  };
}

/**
 * `{owner, files}` for each owner of at least one of `paths` (each path counted once per owner),
 * by files, most first, then by owner (code point order).
 */
export function countOwners(codeOwners: Pick<CodeOwners, 'ownersOf'>, paths: readonly string[]): Array<{ owner: string; files: number }> {
  const counts = new Map<string, number>();
  for (const path of new Set(paths)) {
    for (const owner of new Set(codeOwners.ownersOf(path))) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([owner, files]) => ({ owner, files }))
    .sort((a, b) => b.files - a.files || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
}

/**
 * A line's words: the pattern (backslash escapes kept, so `\ ` stays inside it) and the owners.
 * A word starting with `#` starts a comment; a line starting with `#` is one.
 */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      current += ch + line[i + 1]!;
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      if (current !== '') tokens.push(current);
      current = '';
    } else if (ch === '#' && current === '') {
      break;
    } else {
      current += ch;
    }
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

function patternProblem(pattern: string): string | undefined {
  if (pattern.startsWith('\\#')) return `'${pattern}': GitHub reads no pattern starting with an escaped '#'`;
  if (pattern.startsWith('!')) return `'${pattern}': negation with '!' is not supported in CODEOWNERS`;
  if (/(?<!\\)[[\]]/.test(pattern)) return `'${pattern}': character ranges '[ ]' are not supported in CODEOWNERS`;
  if (pattern.includes('***')) return `'${pattern}': '***' is not a valid pattern`;
  return undefined;
}

function ownerProblem(owners: readonly string[]): string | undefined {
  const bad = owners.find((owner) => !OWNER.test(owner));
  return bad === undefined ? undefined : `'${bad}' is not an owner (@user, @org/team or an email address)`;
}

/** A CODEOWNERS pattern as an anchored regular expression over repo-relative `/` paths. */
export function compilePattern(pattern: string): RegExp {
  if (pattern === '/') return /(?!)/;
  let segments = pattern.split('/');
  if (segments[0] === '') {
    segments = segments.slice(1);
  } else if (segments.length === 1 || (segments.length === 2 && segments[1] === '')) {
    // No slash but a trailing one: the name matches at any depth.
    if (segments[0] !== '**') segments = ['**', ...segments];
  }
  if (segments.length > 1 && segments[segments.length - 1] === '') segments[segments.length - 1] = '**';

  const last = segments.length - 1;
  let source = '';
  // Whether a `/` must come before the next segment's text.
  let needsSlash = false;
  for (const [i, segment] of segments.entries()) {
    if (segment === '**') {
      if (i === 0 && i === last) source += '.+';
      else if (i === 0) source += '(?:.+/)?';
      else if (i === last) source += '/.*';
      else source += '(?:/.+)?';
      needsSlash = i !== 0;
      continue;
    }
    if (needsSlash) source += '/';
    if (segment === '*') {
      // A lone trailing `*` names the files of a directory, not what is below them.
      source += '[^/]+';
    } else {
      source += translateSegment(segment);
      // A name (even with wildcards in it) also owns everything below it, as a directory.
      if (i === last) source += '(?:/.*)?';
    }
    needsSlash = true;
  }
  return new RegExp(`^${source}$`);
}

function translateSegment(segment: string): string {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '\\' && i + 1 < segment.length) {
      source += escapeRegExp(segment[i + 1]!);
      i++;
    } else if (ch === '*') {
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else {
      source += escapeRegExp(ch);
    }
  }
  return source;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
