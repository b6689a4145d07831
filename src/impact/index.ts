import type { PathMatcher } from '../glob.js';
import type { AffectedSymbol, ChangedSymbol, SymbolGraph } from '../types.js';

import type { InputSeed } from './input-users.js';
import { walkDependents } from './reverse-walk.js';

export type { ChangedFileSides } from './changed-symbols.js';
export { findChangedSymbols } from './changed-symbols.js';
export { walkDependents } from './reverse-walk.js';
export { inputSeedsOf, type InputMatcher, type InputSeed } from './input-users.js';
export { changedDependencies, dependencyMatcher, type DependencyChange } from './package-inputs.js';
export { assetImports, assetMatcher, type AssetImport, type ResolvedImports } from './asset-inputs.js';
export { ambientChanges } from './ambient-changes.js';
export { findEntryPoints, type EntryPointInput } from './entry-points.js';
export { explainSymbols, symbolsOfFile } from './explain.js';
export { CODEOWNERS_PATHS, countOwners, parseCodeOwners, type CodeOwners, type CodeOwnersRule } from './owners.js';

export interface ImpactInput {
  changes: ChangedSymbol[];
  head: SymbolGraph;
  /** The merge-base graph; needed only when a symbol was removed (see `needsBaseGraph`). */
  base?: SymbolGraph;
  /** Paths at head of every changed file, code or not (a changed test must run). */
  changedPaths: readonly string[];
  isTest: PathMatcher;
  /** Dropped from changes and figures; the walk still passes through them. */
  isIgnored: PathMatcher;
  isStop?: (id: string, file: string) => boolean;
  maxDepth?: number;
  /** Symbols that changed non-code inputs (dependencies, imported files) reach directly. */
  inputs?: readonly InputSeed[];
}

export interface Impact {
  changes: ChangedSymbol[];
  symbols: AffectedSymbol[];
  files: string[];
  tests: string[];
  maxDepth: number;
  withoutStops?: { affectedFiles: number; affectedSymbols: number };
}

/**
 * The blast radius of the changed symbols: affected symbols with why-path links, the files
 * holding them, and the tests among changed and affected files.
 * Input: changed symbols (see `findChangedSymbols`) and the graphs. Output: plain lists, sorted.
 */
export function measureImpact(input: ImpactInput): Impact {
  const walked = walkDependents(input.changes, input.head, input.base, {
    ...(input.isStop ? { isStop: input.isStop } : {}),
    ...(input.maxDepth === undefined ? {} : { maxDepth: input.maxDepth }),
    isIgnored: input.isIgnored,
    ...(input.inputs ? { inputs: input.inputs } : {}),
  });
  const symbols = walked.symbols.filter((symbol) => !input.isIgnored(symbol.file));
  const changes = input.changes.filter((change) => !input.isIgnored(change.file));
  const files = unique(symbols.map((symbol) => symbol.file));
  const existingChanged = input.changedPaths.filter((path) => !input.isIgnored(path));
  const tests = unique([...existingChanged, ...files].filter((path) => input.isTest(path)));
  const impact: Impact = { changes, symbols, files, tests, maxDepth: symbols.reduce((max, symbol) => Math.max(max, symbol.depth), 0) };
  if (walked.withoutStops) impact.withoutStops = walked.withoutStops;
  return impact;
}

/** Removed symbols take their first hop on the merge-base graph; nothing else needs it. */
export function needsBaseGraph(changes: readonly ChangedSymbol[]): boolean {
  return changes.some((change) => change.change === 'removed');
}

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
