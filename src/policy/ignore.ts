// `ignore`: matching files leave the changes and the counts; the graph keeps edges through them.
import { compileGlobs } from '../glob.js';
import type { ChangedSymbol, Result } from '../types.js';
import type { PolicyInput } from './input.js';
import type { Policy } from './schema.js';

/** The lists `ignore` filters. */
export interface IgnorableLists {
  changes: ChangedSymbol[];
  affected: Result['affected'];
}

/** The file part of a symbol id `path#name` (split at the first `#` after the last `/`). */
export function symbolPath(id: string): string {
  const hash = id.indexOf('#', id.lastIndexOf('/') + 1);
  return hash === -1 ? id : id.slice(0, hash);
}

/**
 * Drops changed symbols, affected symbols, files, tests and entry points under `policy.ignore`.
 * `affected.packages` and `affected.owners` are kept as they are: they do not name paths.
 */
export function applyIgnore<T extends IgnorableLists>(policy: Pick<Policy, 'ignore'>, lists: T): T {
  if (policy.ignore.length === 0) return lists;
  const isIgnored = compileGlobs(policy.ignore);
  const keep = (path: string): boolean => !isIgnored(path);
  const { affected } = lists;
  return {
    ...lists,
    changes: lists.changes.filter((change) => keep(change.file)),
    affected: {
      ...affected,
      symbols: affected.symbols.filter((symbol) => keep(symbol.file)),
      files: affected.files.filter(keep),
      tests: affected.tests.filter(keep),
      entryPoints: affected.entryPoints.filter((id) => keep(symbolPath(id))),
    },
  };
}

/** `applyIgnore`, plus the changed files; `maxDepth` is recomputed when symbols were dropped. */
export function ignoreInput(policy: Pick<Policy, 'ignore'>, input: PolicyInput): PolicyInput {
  if (policy.ignore.length === 0) return input;
  const isIgnored = compileGlobs(policy.ignore);
  const kept = applyIgnore(policy, input);
  const depths = kept.affected.symbols.map((symbol) => symbol.depth);
  return {
    ...kept,
    changedFiles: input.changedFiles.filter((path) => !isIgnored(path)),
    ...(input.ambientFiles ? { ambientFiles: input.ambientFiles.filter((path) => !isIgnored(path)) } : {}),
    maxDepth:
      kept.affected.symbols.length === input.affected.symbols.length ? input.maxDepth : Math.max(0, ...depths),
  };
}
