import type { DependentsTree, ExplainedSymbol, Result, SymbolGraph, SymbolInfo, WhyHop } from '../types.js';

/** Dependents shown under one node of a tree before the rest is counted as omitted. */
const CHILDREN_PER_NODE = 25;

export interface ExplainInput {
  result: Result;
  head: SymbolGraph;
  base?: SymbolGraph;
  /** Symbols to explain (ids at head, or removed symbols' ids). */
  ids: readonly string[];
  depth: number;
}

/**
 * Why each symbol is in the radius (its shortest why-path, each hop with its edge, the line of
 * the reference and the barrels passed) and who depends on it, as a tree `depth` levels deep.
 */
export function explainSymbols(input: ExplainInput): ExplainedSymbol[] {
  const affected = new Map(input.result.affected.symbols.map((symbol) => [symbol.id, symbol]));
  const changed = new Map(input.result.changes.map((change) => [change.id, change]));
  return input.ids.map((id) => {
    const info = input.head.symbols.get(id);
    const change = changed.get(id);
    const hit = affected.get(id);
    const explained: ExplainedSymbol = {
      id,
      file: info?.file ?? change?.file ?? id.slice(0, id.lastIndexOf('#')),
      name: info?.name ?? change?.name ?? id.slice(id.lastIndexOf('#') + 1),
      declarationKind: info?.declarationKind ?? change?.declarationKind ?? 'unknown',
      status: change && change.change !== 'trivia' ? 'changed' : hit ? 'affected' : 'unaffected',
      path: hit ? whyPathOf(id, input) : change && change.change !== 'trivia' ? [hopOf(id, input)] : [],
      dependents: dependentsTree(id, input.head, input.depth),
    };
    if (change) explained.change = change.change;
    if (change?.surface) explained.surface = change.surface;
    if (hit) explained.depth = hit.depth;
    return explained;
  });
}

function hopOf(id: string, input: ExplainInput): WhyHop {
  const info: SymbolInfo | undefined = input.head.symbols.get(id) ?? input.base?.symbols.get(id);
  const change = input.result.changes.find((candidate) => candidate.id === id);
  return { id, file: info?.file ?? change?.file ?? '', line: info?.line ?? change?.line ?? 0 };
}

function whyPathOf(id: string, input: ExplainInput): WhyHop[] {
  const affected = new Map(input.result.affected.symbols.map((symbol) => [symbol.id, symbol]));
  const path: WhyHop[] = [];
  const seen = new Set<string>();
  let current: string | undefined = id;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const hop = hopOf(current, input);
    const step = affected.get(current);
    if (step) {
      const edge = findEdge(current, step.via, input);
      hop.edge = step.edge;
      if (edge) {
        hop.referenceLine = edge.line;
        if (edge.through) hop.through = edge.through;
      }
    }
    path.push(hop);
    current = step?.via;
  }
  return path;
}

/** The edge behind a `via` link; a removed symbol's dependents are found on the merge-base graph. */
function findEdge(from: string, to: string, input: ExplainInput) {
  const change = input.result.changes.find((candidate) => candidate.id === to);
  const baseId = change?.oldFile ? `${change.oldFile}#${change.name}` : to;
  return (
    // By the target's dependents: a graph may draw member edges only when they are asked for.
    input.head.dependents.get(to)?.find((edge) => edge.from === from) ??
    input.base?.dependents.get(baseId)?.find((edge) => edge.from === from)
  );
}

function dependentsTree(id: string, graph: SymbolGraph, depth: number): DependentsTree[] {
  const build = (target: string, level: number, branch: ReadonlySet<string>): DependentsTree[] => {
    if (level > depth) return [];
    const edges = [...(graph.dependents.get(target) ?? [])].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    return edges.slice(0, CHILDREN_PER_NODE).map((edge) => {
      const node: DependentsTree = { id: edge.from, edge: edge.kind, line: edge.line, children: [] };
      if (branch.has(edge.from)) {
        node.cycle = true;
        return node;
      }
      node.children = build(edge.from, level + 1, new Set([...branch, edge.from]));
      const total = graph.dependents.get(edge.from)?.length ?? 0;
      if (level + 1 <= depth && total > CHILDREN_PER_NODE) node.omitted = total - CHILDREN_PER_NODE;
      return node;
    });
  };
  return build(id, 1, new Set([id]));
}

/**
 * Every symbol id of one file at head, top-level ones first. Named by the file's declarations:
 * a graph asked for a few symbols decodes only their file's share of it.
 */
export function symbolsOfFile(graph: SymbolGraph, file: string): string[] {
  const names = new Set(graph.files.get(file)?.declarations.map((declaration) => declaration.name));
  return [...names]
    .flatMap((name) => graph.symbols.get(`${file}#${name}`) ?? [])
    .sort((a, b) => a.line - b.line || (a.name < b.name ? -1 : 1))
    .map((symbol) => symbol.id);
}
