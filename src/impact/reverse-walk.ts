import type { AffectedSymbol, ChangedSymbol, SymbolGraph } from '../types.js';

export interface WalkOptions {
  /** Hubs: affected, but the walk does not go past them. */
  isStop?: (id: string, file: string) => boolean;
  /** Dependents deeper than this are not reached. */
  maxDepth?: number;
}

export interface WalkResult {
  symbols: AffectedSymbol[];
  maxDepth: number;
  /** Set when stops or the depth bound cut the walk: what it would have reached without them. */
  withoutStops?: { affectedFiles: number; affectedSymbols: number };
}

/**
 * Breadth-first over reverse edges from the changed symbols, so each affected symbol keeps its
 * shortest why-path (`depth`, `via`, `edge`). Removed symbols take their first hop on the
 * merge-base graph (their dependents are gone from head's), and only dependents that still
 * exist at head are kept; everything after that is head's graph.
 */
export function walkDependents(
  changes: readonly ChangedSymbol[],
  head: SymbolGraph,
  base: SymbolGraph | undefined,
  options: WalkOptions = {},
): WalkResult {
  const cut = Boolean(options.isStop) || options.maxDepth !== undefined;
  const walked = walk(changes, head, base, options);
  const result: WalkResult = { symbols: walked.symbols, maxDepth: walked.maxDepth };
  if (cut) {
    const unbounded = walk(changes, head, base, {});
    if (unbounded.symbols.length !== walked.symbols.length) {
      result.withoutStops = { affectedFiles: new Set(unbounded.symbols.map((symbol) => symbol.file)).size, affectedSymbols: unbounded.symbols.length };
    }
  }
  return result;
}

function walk(changes: readonly ChangedSymbol[], head: SymbolGraph, base: SymbolGraph | undefined, options: WalkOptions): { symbols: AffectedSymbol[]; maxDepth: number } {
  const seeds = changes.filter((change) => change.change !== 'trivia');
  const changedIds = new Set(seeds.map((seed) => seed.id));
  const reached = new Map<string, AffectedSymbol>();
  // Every seed starts at depth 0 at once, so each dependent is reached from its nearest change.
  const queue: Array<{ graph: SymbolGraph | undefined; key: string; id: string; depth: number }> = seeds.map((seed) =>
    seed.change === 'removed'
      ? { graph: base, key: seed.oldFile ? `${seed.oldFile}#${seed.name}` : seed.id, id: seed.id, depth: 0 }
      : { graph: head, key: seed.id, id: seed.id, depth: 0 },
  );
  for (let index = 0; index < queue.length; index++) {
    const item = queue[index]!;
    if (options.maxDepth !== undefined && item.depth >= options.maxDepth) continue;
    for (const edge of item.graph?.dependents.get(item.key) ?? []) {
      const id = edge.from;
      if (changedIds.has(id) || reached.has(id)) continue;
      // Only what still exists at head is listed (a removed symbol's dependents may be gone too).
      const info = head.symbols.get(id);
      if (!info) continue;
      const depth = item.depth + 1;
      reached.set(id, { id, file: info.file, name: info.name, declarationKind: info.declarationKind, depth, via: item.id, edge: edge.kind });
      if (!options.isStop?.(id, info.file)) queue.push({ graph: head, key: id, id, depth });
    }
  }
  const symbols = [...reached.values()].sort((a, b) => compare(a.file, b.file) || compare(a.name, b.name));
  return { symbols, maxDepth: symbols.reduce((max, symbol) => Math.max(max, symbol.depth), 0) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
