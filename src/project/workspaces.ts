// Workspace packages as npm, yarn and pnpm declare them: the globs of `workspaces` in the root
// package.json, or of `packages` in pnpm-workspace.yaml (which pnpm reads instead), matched
// against the directories that hold a package.json.
import { posix } from 'node:path';
import { compileGlobs } from '../glob.js';

export interface WorkspaceLayout {
  /** The file that declares the workspaces. */
  source: 'package.json' | 'pnpm-workspace.yaml';
  /** The declared globs, as written (`!` exclusions included). */
  patterns: string[];
  /** Repo-relative directories of the packages, sorted. */
  dirs: string[];
}

export interface WorkspaceInput {
  /** Text of the root package.json, if any. */
  packageJson?: string | undefined;
  /** Text of the root pnpm-workspace.yaml, if any. */
  pnpmWorkspace?: string | undefined;
  /** Every repo-relative path of the side (to find the packages' package.json files). */
  paths: readonly string[];
}

/**
 * The workspace packages of a repository, or null when it declares none. A package.json that
 * does not parse declares none (the graph stage reports broken JSON where it matters).
 */
export function findWorkspaces(input: WorkspaceInput): WorkspaceLayout | null {
  const declared =
    input.pnpmWorkspace !== undefined
      ? { source: 'pnpm-workspace.yaml' as const, patterns: pnpmPackagePatterns(input.pnpmWorkspace) }
      : input.packageJson !== undefined
        ? { source: 'package.json' as const, patterns: packageJsonPatterns(input.packageJson) }
        : undefined;
  if (declared === undefined || declared.patterns.length === 0) return null;
  const normalise = (pattern: string) => pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  const include = compileGlobs(declared.patterns.filter((pattern) => !pattern.startsWith('!')).map(normalise));
  const exclude = compileGlobs(declared.patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => normalise(pattern.slice(1))));
  const dirs = new Set<string>();
  for (const path of input.paths) {
    if (posix.basename(path) !== 'package.json' || path.split('/').includes('node_modules')) continue;
    const dir = posix.dirname(path);
    if (dir !== '.' && include(dir) && !exclude(dir)) dirs.add(dir);
  }
  return { ...declared, dirs: [...dirs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}

/** `workspaces: [...]` (npm, yarn) or `workspaces: { packages: [...] }` (yarn classic). */
function packageJsonPatterns(text: string): string[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof manifest !== 'object' || manifest === null) return [];
  const workspaces: unknown = (manifest as { workspaces?: unknown }).workspaces;
  const list = Array.isArray(workspaces) ? workspaces : typeof workspaces === 'object' && workspaces !== null ? (workspaces as { packages?: unknown }).packages : undefined;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}

/**
 * The `packages` list of pnpm-workspace.yaml. Only the YAML stage may parse YAML (DESIGN §1),
 * so this reads the two forms pnpm's own docs use: a block list under `packages:` and a flow
 * list `packages: [a, 'b']`, with quotes and comments.
 */
function pnpmPackagePatterns(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^packages\s*:/.test(line));
  if (start < 0) return [];
  const rest = stripComment(lines[start]!.replace(/^packages\s*:/, '')).trim();
  if (rest.startsWith('[')) {
    return rest
      .replace(/^\[|\]$/g, '')
      .split(',')
      .map((item) => unquote(item.trim()))
      .filter((item) => item !== '');
  }
  const patterns: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line) && !line.startsWith('#')) break;
    const item = /^\s*-\s*(.*)$/.exec(stripComment(line));
    if (item) patterns.push(unquote(item[1]!.trim()));
  }
  return patterns.filter((pattern) => pattern !== '');
}

function stripComment(line: string): string {
  // A `#` starts a comment at the line's start or after white space, outside quotes.
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return line.slice(0, i);
    }
  }
  return line;
}

function unquote(text: string): string {
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}
