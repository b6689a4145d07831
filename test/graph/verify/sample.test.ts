import { describe, expect, test } from 'vitest';
import { createRandom, drawSample, sampleCandidates } from '../../../src/graph/verify/sample.js';
import type { SymbolGraph, SymbolInfo } from '../../../src/types.js';

function graphWith(symbols: Array<Pick<SymbolInfo, 'id' | 'exportedAs'>>): SymbolGraph {
  const infos = symbols.map((symbol): SymbolInfo => {
    const hash = symbol.id.indexOf('#');
    return { ...symbol, file: symbol.id.slice(0, hash), name: symbol.id.slice(hash + 1), declarationKind: 'function', line: 1 };
  });
  return { symbols: new Map(infos.map((info) => [info.id, info])), dependents: new Map(), dependencies: new Map(), files: new Map(), unresolvedImports: [], unknownEdges: 0, unparsedFiles: [] };
}

describe('sampling', () => {
  test('mulberry32 gives the same sequence for the same seed, in [0, 1)', () => {
    const first = createRandom(42);
    const again = createRandom(42);
    const values = Array.from({ length: 5 }, () => first());
    expect(Array.from({ length: 5 }, () => again())).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(createRandom(43)()).not.toBe(values[0]);
  });

  test('candidates are exported symbols other than <module>, sorted by id', () => {
    const graph = graphWith([
      { id: 'src/b.ts#beta', exportedAs: ['beta'] },
      { id: 'src/a.ts#internal', exportedAs: [] },
      { id: 'src/a.ts#<module>', exportedAs: [] },
      { id: 'src/a.ts#default', exportedAs: ['default'] },
      { id: 'src/a.ts#Class.member', exportedAs: [] },
    ]);
    expect(sampleCandidates(graph)).toEqual(['src/a.ts#default', 'src/b.ts#beta']);
  });

  test('a draw is reproducible, sorted, without repeats, and takes all when asked for more', () => {
    const candidates = Array.from({ length: 100 }, (_, index) => `src/f${String(index).padStart(3, '0')}.ts#s`);
    const draw = drawSample(candidates, 10, 1);
    expect(draw).toHaveLength(10);
    expect(new Set(draw).size).toBe(10);
    expect([...draw].sort()).toEqual(draw);
    expect(drawSample(candidates, 10, 1)).toEqual(draw);
    expect(drawSample(candidates, 10, 2)).not.toEqual(draw);
    expect(drawSample(candidates, 500, 1)).toEqual(candidates);
    expect(drawSample(candidates, 0, 1)).toEqual([]);
  });
});
