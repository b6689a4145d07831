// A focused graph draws member and override edges only when a member's dependents are asked
// for: the same edges, on every fixture, as the whole graph draws up front.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildGraph, disabledCache } from '../../src/graph/index.js';
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

function dependentsOfEverySymbol(graph: SymbolGraph): string[] {
  return [...graph.symbols.keys()].flatMap((id) => (graph.dependents.get(id) ?? []).map((edge) => `${edge.from} -> ${id} (${edge.kind})`)).sort();
}

const scenarios = readdirSync(FIXTURES_DIR).filter((name) => statSync(join(FIXTURES_DIR, name, 'head'), { throwIfNoEntry: false })?.isDirectory());

describe('member edges drawn when asked for', () => {
  test.each(scenarios)('%s: the same dependents as the whole graph', async (scenario) => {
    const tree = treeOf(filesUnder(join(FIXTURES_DIR, scenario, 'head')));
    const whole = await buildGraph({ ...tree, cache: disabledCache() });
    const focused = await buildGraph({ ...tree, cache: disabledCache(), focus: whole.codeFiles });
    expect(dependentsOfEverySymbol(focused.graph)).toEqual(dependentsOfEverySymbol(whole.graph));
  });
});
