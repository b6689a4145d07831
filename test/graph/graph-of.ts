import { buildGraph } from '../../src/graph/index.js';
import type { SymbolGraph } from '../../src/types.js';

/** The graph of an in-memory tree: no disk, no git. */
export function graphOf(files: Record<string, string>): SymbolGraph {
  return buildGraph({ root: '/repo', paths: Object.keys(files), readText: (path) => files[path] }).graph;
}

/** Edges as `from -> to (kind)` strings, sorted, for exact assertions. */
export function edgesOf(graph: SymbolGraph): string[] {
  const lines: string[] = [];
  for (const edges of graph.dependencies.values()) {
    for (const edge of edges) lines.push(`${edge.from} -> ${edge.to} (${edge.kind})`);
  }
  return lines.sort();
}
