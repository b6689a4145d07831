// A focused graph decodes pieces and draws member and override edges only when a symbol's
// dependents are asked for: the same edges, in the same order, on every fixture, as the whole
// graph draws up front.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildGraph, disabledCache, memoryCache, type GraphCache } from '../../src/graph/index.js';
import type { SymbolGraph } from '../../src/types.js';
import { FIXTURES_DIR } from '../helpers/git-repo.js';
import { treeOf } from './graph-of.js';

function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) visit(path);
      else files[relative(dir, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  visit(dir);
  return files;
}

/** Each symbol's dependents, in the graph's order (the order of why-paths), asked symbol by symbol. */
function dependentsOf(graph: SymbolGraph, ids: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(ids.map((id) => [id, (graph.dependents.get(id) ?? []).map((edge) => `${edge.from} (${edge.kind}, line ${edge.line})`)]));
}

const scenarios = readdirSync(FIXTURES_DIR).filter((name) => statSync(join(FIXTURES_DIR, name, 'head'), { throwIfNoEntry: false })?.isDirectory());

describe('member edges drawn when asked for', () => {
  test.each(scenarios)('%s: the same dependents, in the same order, as the whole graph, from fresh pieces and from the cache', async (scenario) => {
    const tree = treeOf(filesUnder(join(FIXTURES_DIR, scenario, 'head')));
    const whole = await buildGraph({ ...tree, cache: disabledCache() });
    const ids = [...whole.graph.symbols.keys()];
    const expected = dependentsOf(whole.graph, ids);
    const cache = await memoryCache();
    // Asked before anything else: each piece is decoded as a symbol's dependents need it.
    const cold = await buildGraph({ ...tree, cache, focus: whole.codeFiles });
    expect(dependentsOf(cold.graph, ids)).toEqual(expected);
    const warm = await buildGraph({ ...tree, cache, focus: whole.codeFiles });
    expect(warm.builtPieces).toBe(0);
    expect(dependentsOf(warm.graph, ids)).toEqual(expected);
    expect([...warm.graph.symbols.keys()]).toEqual(ids);
    expect(warm.graph.unknownEdges).toBe(whole.graph.unknownEdges);
  });
});

describe('a symbol whose name holds a #', () => {
  test('a private member, in a path with a # too: the same dependents, in the same order, as the whole graph', async () => {
    const tree = treeOf({
      'src/#internal/counter.ts': 'export class Counter {\n  #step() { return 1; }\n  next() { return this.#step(); }\n}\n',
      'src/use.ts': "import { Counter } from './#internal/counter';\nexport const tick = () => new Counter().next();\n",
    });
    const whole = await buildGraph({ ...tree, cache: disabledCache() });
    const ids = [...whole.graph.symbols.keys()];
    expect(ids).toContain('src/#internal/counter.ts#Counter.#step');
    const expected = dependentsOf(whole.graph, ids);
    expect(expected['src/#internal/counter.ts#Counter.#step']).toEqual(['src/#internal/counter.ts#Counter (runtime, line 2)', 'src/#internal/counter.ts#Counter.next (runtime, line 3)']);
    const cache = await memoryCache();
    await buildGraph({ ...tree, cache, focus: whole.codeFiles });
    const warm = await buildGraph({ ...tree, cache, focus: whole.codeFiles });
    expect(dependentsOf(warm.graph, ids)).toEqual(expected);
  });
});

/** A cache that counts the graph pieces it decodes, found by their stamps or in the ledger. */
function countingDecodes(cache: GraphCache): { cache: GraphCache; decoded: () => number } {
  let decoded = 0;
  const counting = <T extends { load(): unknown }>(variant: T): T => ({
    ...variant,
    load: () => {
      decoded++;
      return variant.load();
    },
  });
  const derived: GraphCache['derived'] = (kind, path, blob) => cache.derived(kind, path, blob).map(counting);
  const variant: GraphCache['variant'] = (kind, path, blob, id) => {
    const found = cache.variant(kind, path, blob, id);
    return found && counting(found);
  };
  return { cache: { ...cache, derived, variant }, decoded: () => decoded };
}

describe('pieces decoded when asked for', () => {
  // Every user imports the core module; one uses the function that changes.
  const users = Object.fromEntries(
    Array.from({ length: 30 }, (_, index) => [`src/user-${index}.ts`, `import { steady } from './core';\nexport const user${index} = () => steady();\n`]),
  );
  const files = {
    'src/core.ts': 'export function steady() { return 1; }\nexport function changed() { return 2; }\n',
    'src/caller.ts': "import { changed } from './core';\nexport const caller = () => changed();\n",
    ...users,
  };

  test('a warm graph of a module every file imports decodes the pieces of the files holding its dependents, not every file', async () => {
    const tree = treeOf(files);
    const memory = await memoryCache();
    await buildGraph({ ...tree, cache: memory, focus: ['src/core.ts'] });
    const { cache, decoded } = countingDecodes(memory);
    const warm = await buildGraph({ ...tree, cache, focus: ['src/core.ts'] });
    expect([...warm.graph.files.keys()]).toHaveLength(32);
    expect(decoded()).toBe(0);
    expect(warm.graph.dependents.get('src/core.ts#changed')?.map((edge) => edge.from)).toEqual(['src/caller.ts#caller']);
    expect(warm.graph.symbols.get('src/caller.ts#caller')?.declarationKind).toBe('const');
    expect(decoded()).toBe(1);
    // Iterating the symbols decodes every piece, and lists them in path order as a whole graph does.
    expect([...warm.graph.symbols.keys()].slice(0, 3)).toEqual(['src/caller.ts#caller', 'src/core.ts#steady', 'src/core.ts#changed']);
    expect(decoded()).toBe(32);
  });
});
