import type { AffectedSymbol, ChangedSymbol, Result } from '../types.js';
import { compareCodePoints } from './ordering.js';

/** Looks symbols up by id; built once per render, since results can hold many thousands. */
export interface SymbolIndex {
  affected: ReadonlyMap<string, AffectedSymbol>;
  changed: ReadonlyMap<string, ChangedSymbol>;
}

/** Edges from a symbol to a changed non-code input (a dependency, an imported file) rather than to a symbol. */
export function isInputEdge(edge: AffectedSymbol['edge']): boolean {
  return edge === 'package' || edge === 'asset';
}

/**
 * The changed non-code inputs the radius starts from (the `via` of symbols they reach), sorted:
 * `package.json#dependencies.lodash` for a dependency, the path for an imported file.
 */
export function changedInputs(result: Result): Array<{ id: string; edge: AffectedSymbol['edge'] }> {
  const inputs = new Map<string, AffectedSymbol['edge']>();
  for (const symbol of result.affected.symbols) if (isInputEdge(symbol.edge) && !inputs.has(symbol.via)) inputs.set(symbol.via, symbol.edge);
  return [...inputs].map(([id, edge]) => ({ id, edge })).sort((a, b) => compareCodePoints(a.id, b.id));
}

/** Indexes a result's changed and affected symbols by id. */
export function indexSymbols(result: Result): SymbolIndex {
  return {
    affected: new Map(result.affected.symbols.map((symbol) => [symbol.id, symbol])),
    changed: new Map(result.changes.map((change) => [change.id, change])),
  };
}

/** {@link whyPath} over a prebuilt index. */
export function tracePath(index: SymbolIndex, symbolId: string): string[] {
  if (index.changed.has(symbolId)) return [symbolId];
  if (!index.affected.has(symbolId)) return [];
  const path = [symbolId];
  const seen = new Set(path);
  let current = index.affected.get(symbolId);
  while (current !== undefined) {
    const next = current.via;
    // A `via` that loops or leads nowhere is a broken result; show the chain as far as it
    // goes rather than throwing from a renderer.
    if (seen.has(next)) break;
    path.push(next);
    seen.add(next);
    if (index.changed.has(next) || isInputEdge(current.edge)) break;
    current = index.affected.get(next);
  }
  return path.reverse();
}

/**
 * Why `symbolId` is in the blast radius: its shortest path, following `via` back to a changed
 * symbol, as `[changed, …, symbolId]`. A changed symbol gives `[symbolId]`; an id the result
 * does not hold gives `[]`. When `via` leads to an id that is neither changed nor affected,
 * or loops, the path starts where the chain breaks.
 */
export function whyPath(result: Result, symbolId: string): string[] {
  return tracePath(indexSymbols(result), symbolId);
}

/**
 * The why-paths worth printing, most interesting first: paths to entry points, then the
 * deepest, then by id; a path already shown inside a longer one is skipped, and paths from
 * other changed symbols and to other files go before a second path from or to the same.
 */
export function selectWhyPaths(result: Result, index: SymbolIndex, max: number): string[][] {
  if (max <= 0) return [];
  const entryPoints = new Set(result.affected.entryPoints);
  const candidates = [...result.affected.symbols].sort(
    (a, b) =>
      Number(entryPoints.has(b.id)) - Number(entryPoints.has(a.id)) ||
      b.depth - a.depth ||
      compareCodePoints(a.id, b.id),
  );
  const chosen: string[][] = [];
  const shown = new Set<string>();
  const roots = new Set<string>();
  const targetFiles = new Set<string>();
  for (const isFirstPass of [true, false]) {
    for (const candidate of candidates) {
      if (chosen.length >= max) return chosen;
      if (shown.has(candidate.id)) continue;
      const path = tracePath(index, candidate.id);
      const root = path[0] ?? candidate.id;
      if (isFirstPass && (roots.has(root) || targetFiles.has(candidate.file))) continue;
      chosen.push(path);
      roots.add(root);
      targetFiles.add(candidate.file);
      for (const id of path) shown.add(id);
    }
  }
  return chosen;
}

/** One step of a why-path as the reports print it, from the affected symbol back. */
export interface WhyStep {
  /** The kind of the edge from the previous (dependent) line's symbol to this one. */
  edge: AffectedSymbol['edge'];
  id: string;
  isChanged: boolean;
}

/**
 * A why-path laid out target first, as the reports print it: the affected symbol, then each
 * symbol it was reached through with the kind of edge, down to the changed one.
 */
export function layOutWhyPath(index: SymbolIndex, path: readonly string[]): { target: string; steps: WhyStep[] } {
  const steps: WhyStep[] = [];
  for (let step = path.length - 1; step > 0; step--) {
    const from = path[step];
    const to = path[step - 1];
    if (from === undefined || to === undefined) continue;
    const edge = index.affected.get(from)?.edge ?? 'unknown';
    // A changed input ends the path as a changed symbol does.
    steps.push({ edge, id: to, isChanged: index.changed.has(to) || isInputEdge(edge) });
  }
  return { target: path[path.length - 1] ?? '', steps };
}
