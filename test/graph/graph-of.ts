import { createHash } from 'node:crypto';
import { buildGraph, disabledCache, type GraphCache } from '../../src/graph/index.js';
import type { SymbolGraph } from '../../src/types.js';
import { tempFolder } from '../helpers/temp-folder.js';

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
  return tempFolder('cache');
}

/**
 * A focused build through `cache`, flushed, beside the same build without a cache, to compare
 * with: each output, its edges, and what it exports of `exporting` (asked before the flush, as
 * a run does).
 */
export async function buildBesideFresh(files: Record<string, string>, cache: GraphCache, focus: string[], exporting: string[] = []) {
  const output = await buildGraph({ ...treeOf(files), cache, focus });
  const exported = exporting.length > 0 ? await output.exportedSymbols(exporting) : new Map<string, string[]>();
  await cache.flush();
  const fresh = await buildGraph({ ...treeOf(files), cache: disabledCache(), focus });
  const freshExported = exporting.length > 0 ? await fresh.exportedSymbols(exporting) : new Map<string, string[]>();
  return { output, edges: edgesOf(output.graph), exported, fresh: { output: fresh, edges: edgesOf(fresh.graph), exported: freshExported } };
}

/**
 * A module only the facts name: after `}`, the skim takes `/` for a division and reads the rest
 * of the line as a string; the parse reads the `require` of zone.ts.
 */
export const SKIM_MISSES_REQUIRE = {
  'src/flag.ts': 'export const flag = () => true;\n',
  'src/check.ts': "import { flag } from './flag';\nexport const check = () => { if (flag()) { return 1; } /'/.test('x'); return require('./zone').zone; };\n",
  'src/zone.ts': "export const zone = 'UTC';\n",
};
