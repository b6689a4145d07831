import type { AffectedSymbol, ChangedSymbol, SymbolGraph } from '../types.js';
import type { InputSeed } from './input-users.js';

export interface WalkOptions {
  /** Hubs: affected, but the walk does not go past them. */
  isStop?: (id: string, file: string) => boolean;
  /** Dependents deeper than this are not reached. */
  maxDepth?: number;
  /** Files `ignore` drops: left out of the `withoutStops` counts, as they are of the figures. */
  isIgnored?: (file: string) => boolean;
  /** Symbols changed non-code inputs reach: affected at depth 1, and walked on from there. */
  inputs?: readonly InputSeed[];
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
    const isCounted = (symbol: AffectedSymbol) => !options.isIgnored?.(symbol.file);
    const unbounded = walk(changes, head, base, options.inputs ? { inputs: options.inputs } : {}).symbols.filter(isCounted);
    if (unbounded.length !== walked.symbols.filter(isCounted).length) {
      result.withoutStops = { affectedFiles: new Set(unbounded.map((symbol) => symbol.file)).size, affectedSymbols: unbounded.length };
    }
  }
  return result;
}

/**
 * What of a symbol's change its dependents can see. Types are erased, so a change of behaviour
 * (`runtime`) reaches dependents that run the symbol, and a change of type (`types`) reaches
 * dependents that name it in type positions. A modified body changes behaviour only; a
 * signature, an added or a removed symbol both. A dependent reached over a runtime edge has
 * changed behaviour; one reached over a type edge, a changed type at most (its own behaviour is
 * the same); a class or namespace takes its member's change as its own.
 */
interface Reach {
  runtime: boolean;
  types: boolean;
}

function reachOfChange(change: ChangedSymbol): Reach {
  return change.change === 'modified' && change.surface === 'body' ? { runtime: true, types: false } : { runtime: true, types: true };
}

function walk(changes: readonly ChangedSymbol[], head: SymbolGraph, base: SymbolGraph | undefined, options: WalkOptions): { symbols: AffectedSymbol[]; maxDepth: number } {
  const seeds = changes.filter((change) => change.change !== 'trivia');
  const changedIds = new Set(seeds.map((seed) => seed.id));
  const reached = new Map<string, AffectedSymbol>();
  const walked = new Map<string, Reach>();
  // Every seed starts at depth 0 at once, so each dependent is reached from its nearest change.
  const queue: Array<{ graph: SymbolGraph | undefined; key: string; id: string; depth: number; reach: Reach }> = seeds.map((seed) =>
    seed.change === 'removed'
      ? { graph: base, key: seed.oldFile ? `${seed.oldFile}#${seed.name}` : seed.id, id: seed.id, depth: 0, reach: reachOfChange(seed) }
      : { graph: head, key: seed.id, id: seed.id, depth: 0, reach: reachOfChange(seed) },
  );
  // A changed input's users come right after the changed symbols: depth 1, both kinds of reach.
  for (const input of options.inputs ?? []) {
    if (changedIds.has(input.id) || reached.has(input.id) || (options.maxDepth !== undefined && options.maxDepth < 1)) continue;
    reached.set(input.id, { id: input.id, file: input.file, name: input.name, declarationKind: input.declarationKind, depth: 1, via: input.via, edge: input.edge });
    walked.set(input.id, { runtime: true, types: true });
    if (!options.isStop?.(input.id, input.file)) queue.push({ graph: head, key: input.id, id: input.id, depth: 1, reach: { runtime: true, types: true } });
  }
  for (let index = 0; index < queue.length; index++) {
    const item = queue[index]!;
    if (options.maxDepth !== undefined && item.depth >= options.maxDepth) continue;
    for (const edge of item.graph?.dependents.get(item.key) ?? []) {
      const isTypeEdge = edge.kind === 'type';
      if (!edge.structural && !(isTypeEdge ? item.reach.types : item.reach.runtime)) continue;
      const id = edge.from;
      if (changedIds.has(id)) continue;
      // Only what still exists at head is listed (a removed symbol's dependents may be gone too).
      const info = head.symbols.get(id);
      if (!info) continue;
      const depth = item.depth + 1;
      if (!reached.has(id)) {
        reached.set(id, { id, file: info.file, name: info.name, declarationKind: info.declarationKind, depth, via: item.id, edge: edge.kind });
      }
      const reach: Reach = edge.structural ? item.reach : isTypeEdge ? { runtime: false, types: true } : { runtime: true, types: false };
      // Walked again only for what it now carries that it did not before.
      const before = walked.get(id) ?? { runtime: false, types: false };
      const fresh: Reach = { runtime: reach.runtime && !before.runtime, types: reach.types && !before.types };
      if (!fresh.runtime && !fresh.types) continue;
      walked.set(id, { runtime: before.runtime || reach.runtime, types: before.types || reach.types });
      if (!options.isStop?.(id, info.file)) queue.push({ graph: head, key: id, id, depth, reach: fresh });
    }
  }
  const symbols = [...reached.values()].sort((a, b) => compare(a.file, b.file) || compare(a.name, b.name));
  return { symbols, maxDepth: symbols.reduce((max, symbol) => Math.max(max, symbol.depth), 0) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
