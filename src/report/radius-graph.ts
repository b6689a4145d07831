import type { ChangeKind, EdgeKind, Result } from '../types.js';
import { compareCodePoints, sortChanges } from './ordering.js';
import { isInputEdge } from './why-path.js';
import { countOf, describeChange, formatNumber } from './wording.js';

/** How many symbols a graph draws unless told otherwise: about what a reader can follow. */
export const DEFAULT_MAX_NODES = 50;

/** The options `dot` and `mermaid` read; a full `RenderOptions` will do. */
export interface GraphOptions {
  /** Symbols drawn before the rest are summarised: the changed ones always, then the nearest. */
  maxNodes?: number;
}

/** A symbol drawn in the graph. */
export interface SymbolNode {
  id: string;
  name: string;
  file: string;
  declarationKind: string;
  /** `missing`: a `via` that names a symbol the result does not hold (a broken chain). */
  role: 'changed' | 'affected' | 'missing';
  /** 0 for changed and missing symbols. */
  depth: number;
  /** For changed symbols: the kind of change and its wording (`modified (signature)`). */
  change?: { kind: ChangeKind; text: string };
}

/** The symbols of one depth that did not fit under the cap, drawn as one node. */
export interface SummaryNode {
  id: string;
  depth: number;
  symbols: number;
  files: number;
  label: string;
}

/** A `via` link: `from` (the dependent) was reached from `to`. */
export interface RadiusEdge {
  from: string;
  to: string;
  /** Undefined for links into or out of a summary node, which stand for many edges. */
  edge: EdgeKind | undefined;
  /** Set when the link stands for links to several symbols of this file: draw it to the file. */
  toFile?: string;
}

/** The blast radius laid out for drawing: symbols clustered by file, then summaries, then links. */
export interface RadiusGraph {
  title: string;
  clusters: Array<{ file: string; nodes: SymbolNode[] }>;
  summaries: SummaryNode[];
  edges: RadiusEdge[];
}

/** `path#name` split at the first `#` after the last `/` (DESIGN §2). */
function splitId(id: string): { file: string; name: string } {
  const hash = id.indexOf('#', id.lastIndexOf('/') + 1);
  return hash < 0 ? { file: id, name: id } : { file: id.slice(0, hash), name: id.slice(hash + 1) };
}

/**
 * A changed dependency or imported file, drawn as a changed symbol: a dependency in its manifest's
 * box (`package.json#dependencies.@scope/pkg`: the name may hold a `/`), a file in its own.
 */
function inputNode(id: string, edge: EdgeKind): SymbolNode {
  const manifestEnd = id.indexOf('package.json#') + 'package.json'.length;
  const isDependency = edge === 'package' && manifestEnd >= 'package.json'.length;
  const file = isDependency ? id.slice(0, manifestEnd) : id;
  const name = isDependency ? id.slice(manifestEnd + 1) : id.slice(id.lastIndexOf('/') + 1);
  const text = isDependency ? 'changed dependency' : 'changed file';
  return { id, name, file, declarationKind: isDependency ? 'dependency' : 'file', role: 'changed', depth: 0, change: { kind: 'modified', text } };
}

/**
 * Lays out the radius for `dot` and `mermaid`: every changed symbol that is more than trivia
 * (or that something was reached from), then the affected symbols nearest first (by depth,
 * file and name) until `maxNodes` symbols are drawn; the rest become one summary node per
 * depth, linked to the drawn symbols they were reached from. Taking whole depths in order
 * keeps every drawn symbol's `via` drawn too, so no chain is cut in the middle.
 */
export function layOutRadius(result: Result, options: GraphOptions = {}): RadiusGraph {
  const maxNodes = Math.max(0, Math.floor(options.maxNodes ?? DEFAULT_MAX_NODES));
  const reachedFrom = new Set(result.affected.symbols.map((symbol) => symbol.via));
  const changes = sortChanges(result.changes).filter(
    (change) => change.change !== 'trivia' || reachedFrom.has(change.id),
  );
  const changedIds = new Set(result.changes.map((change) => change.id));
  const candidates = result.affected.symbols
    .filter((symbol) => !changedIds.has(symbol.id))
    .sort(
      (a, b) =>
        a.depth - b.depth ||
        compareCodePoints(a.file, b.file) ||
        compareCodePoints(a.name, b.name) ||
        compareCodePoints(a.id, b.id),
    );
  const kept = candidates.slice(0, Math.max(0, maxNodes - changes.length));
  const omitted = candidates.slice(kept.length);

  const nodes = new Map<string, SymbolNode>();
  for (const change of changes) {
    nodes.set(change.id, {
      id: change.id,
      name: change.name,
      file: change.file,
      declarationKind: change.declarationKind,
      role: 'changed',
      depth: 0,
      change: { kind: change.change, text: describeChange(change) },
    });
  }
  for (const symbol of kept) {
    nodes.set(symbol.id, { ...pick(symbol), role: 'affected', depth: symbol.depth });
  }

  const byId = new Map(result.affected.symbols.map((symbol) => [symbol.id, symbol]));
  const summaries = summarise(omitted);
  const omittedIds = new Set(omitted.map((symbol) => symbol.id));
  const summaryOf = (id: string): string | undefined => {
    const symbol = omittedIds.has(id) ? byId.get(id) : undefined;
    return symbol === undefined ? undefined : summaries.get(symbol.depth)?.id;
  };
  const edges = new Map<string, RadiusEdge>();
  const link = (edge: RadiusEdge): void => {
    if (edge.from !== edge.to) edges.set(`${edge.from}\u0000${edge.to}`, edge);
  };
  for (const symbol of result.affected.symbols) {
    const from = nodes.has(symbol.id) ? symbol.id : summaryOf(symbol.id);
    if (from === undefined) continue;
    const isSummary = !nodes.has(symbol.id);
    if (nodes.has(symbol.via)) {
      link({ from, to: symbol.via, edge: isSummary ? undefined : symbol.edge });
    } else if (omittedIds.has(symbol.via)) {
      // Only a result whose depths disagree with its `via`s gets here.
      const to = summaryOf(symbol.via);
      if (to !== undefined) link({ from, to, edge: undefined });
    } else if (isInputEdge(symbol.edge) && !isSummary) {
      nodes.set(symbol.via, inputNode(symbol.via, symbol.edge));
      link({ from, to: symbol.via, edge: symbol.edge });
    } else if (!byId.has(symbol.via) && !changedIds.has(symbol.via) && !isSummary) {
      const { file, name } = splitId(symbol.via);
      nodes.set(symbol.via, { id: symbol.via, name, file, declarationKind: '', role: 'missing', depth: 0 });
      link({ from, to: symbol.via, edge: symbol.edge });
    }
  }

  const roleRank = { changed: 0, affected: 1, missing: 2 } as const;
  const files = new Map<string, SymbolNode[]>();
  for (const node of nodes.values()) {
    const list = files.get(node.file);
    if (list === undefined) files.set(node.file, [node]);
    else list.push(node);
  }
  const clusters = [...files.entries()]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([file, list]) => ({
      file,
      nodes: list.sort(
        (a, b) =>
          roleRank[a.role] - roleRank[b.role] ||
          a.depth - b.depth ||
          compareCodePoints(a.name, b.name) ||
          compareCodePoints(a.id, b.id),
      ),
    }));
  return {
    title: describeGraph(result, kept.length, omitted.length),
    clusters,
    summaries: [...summaries.values()],
    edges: bundleSummaryEdges([...edges.values()], nodes).sort(
      (a, b) => compareCodePoints(a.from, b.from) || compareCodePoints(a.to, b.to),
    ),
  };
}

/**
 * A summary node can hang off dozens of drawn symbols; its links to several symbols of one
 * file become one link to that file, which keeps a capped graph readable.
 */
function bundleSummaryEdges(edges: RadiusEdge[], nodes: ReadonlyMap<string, SymbolNode>): RadiusEdge[] {
  const bundles = new Map<string, RadiusEdge[]>();
  const rest: RadiusEdge[] = [];
  for (const edge of edges) {
    const file = nodes.get(edge.to)?.file;
    if (edge.edge !== undefined || nodes.has(edge.from) || file === undefined) {
      rest.push(edge);
      continue;
    }
    const key = `${edge.from}\u0000${file}`;
    const bundle = bundles.get(key);
    if (bundle === undefined) bundles.set(key, [edge]);
    else bundle.push(edge);
  }
  for (const bundle of bundles.values()) {
    const [first] = [...bundle].sort((a, b) => compareCodePoints(a.to, b.to));
    if (first === undefined) continue;
    if (bundle.length === 1) rest.push(first);
    else rest.push({ ...first, toFile: nodes.get(first.to)?.file ?? '' });
  }
  return rest;
}

function pick(symbol: Result['affected']['symbols'][number]): Pick<SymbolNode, 'id' | 'name' | 'file' | 'declarationKind'> {
  return { id: symbol.id, name: symbol.name, file: symbol.file, declarationKind: symbol.declarationKind };
}

/** One summary per depth of the symbols left out, nearest depth first. */
function summarise(omitted: Result['affected']['symbols']): Map<number, SummaryNode> {
  const byDepth = new Map<number, { symbols: number; files: Set<string> }>();
  for (const symbol of omitted) {
    const entry = byDepth.get(symbol.depth) ?? { symbols: 0, files: new Set<string>() };
    entry.symbols++;
    entry.files.add(symbol.file);
    byDepth.set(symbol.depth, entry);
  }
  const summaries = new Map<number, SummaryNode>();
  for (const [depth, { symbols, files }] of [...byDepth.entries()].sort(([a], [b]) => a - b)) {
    summaries.set(depth, {
      id: `more-depth-${depth}`,
      depth,
      symbols,
      files: files.size,
      label: `… and ${formatNumber(symbols)} more ${symbols === 1 ? 'symbol' : 'symbols'} in ${countOf(files.size, 'file')} at depth ${formatNumber(depth)}`,
    });
  }
  return summaries;
}

/** `blast radius of 2 changed symbols: 9 affected symbols in 9 files, max depth 4`. */
function describeGraph(result: Result, shown: number, omitted: number): string {
  const { stats } = result;
  const title =
    `blast radius of ${countOf(stats.changedSymbols, 'changed symbol')}: ` +
    `${countOf(stats.affectedSymbols, 'affected symbol')} in ${countOf(stats.affectedFiles, 'file')}, ` +
    `max depth ${formatNumber(stats.maxDepth)}`;
  return omitted === 0 ? title : `${title}; the nearest ${formatNumber(shown)} drawn`;
}
