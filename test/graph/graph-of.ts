import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { buildGraph, disabledCache, type GraphCache } from '../../src/graph/index.js';
import type { SymbolGraph } from '../../src/types.js';

/** Files of an in-memory tree as the graph stage takes them: paths, blob ids and a reader. */
export function treeOf(files: Record<string, string>) {
  return {
    root: '/repo',
    files: Object.keys(files)
      .sort()
      .map((path) => ({ path, blob: createHash('sha1').update(files[path]!).digest('hex') })),
    readTexts: async (paths: readonly string[]) => new Map(paths.flatMap((path) => (files[path] === undefined ? [] : [[path, files[path]!] as const]))),
  };
}

/** The graph of an in-memory tree: no disk, no git. */
export async function graphOf(files: Record<string, string>, cache: GraphCache = disabledCache()): Promise<SymbolGraph> {
  return (await buildGraph({ ...treeOf(files), cache })).graph;
}

/** Edges as `from -> to (kind)` strings, sorted, for exact assertions. */
export function edgesOf(graph: SymbolGraph): string[] {
  const lines: string[] = [];
  for (const edges of graph.dependencies.values()) {
    for (const edge of edges) lines.push(`${edge.from} -> ${edge.to} (${edge.kind})`);
  }
  return lines.sort();
}

/** A cache folder of its own, removed when the test ends. */
export function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'blast-cache-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
