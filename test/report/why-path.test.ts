import { describe, expect, it } from 'vitest';
import { whyPath } from '../../src/report/index.js';
import { compareCodePoints } from '../../src/report/ordering.js';
import { indexSymbols, selectWhyPaths } from '../../src/report/why-path.js';
import type { Result } from '../../src/types.js';
import { affected, buildResult, changed, failResult, passResult } from './result-fixture.js';

describe('whyPath', () => {
  it('follows via back to the changed symbol', () => {
    expect(whyPath(passResult(), 'src/server/index.ts#Server.listen')).toEqual([
      'src/config/load.ts#loadConfig',
      'src/server/options.ts#ServerOptions',
      'src/server/index.ts#Server',
      'src/server/index.ts#Server.listen',
    ]);
  });

  it('gives a direct dependent a path of two', () => {
    expect(whyPath(passResult(), 'src/cli/run.ts#runCommand')).toEqual([
      'src/config/load.ts#loadConfig',
      'src/cli/run.ts#runCommand',
    ]);
  });

  it('gives a changed symbol itself, and an unknown id nothing', () => {
    expect(whyPath(passResult(), 'src/config/load.ts#loadConfig')).toEqual(['src/config/load.ts#loadConfig']);
    expect(whyPath(passResult(), 'src/nowhere.ts#ghost')).toEqual([]);
  });

  it('stops at the first changed symbol even when that one is affected too', () => {
    const result = buildResult({
      changes: [changed('a.ts', 'a'), changed('b.ts', 'b')],
      symbols: [affected('b.ts', 'b', 1, 'a.ts#a'), affected('c.ts', 'c', 1, 'b.ts#b')],
    });
    expect(whyPath(result, 'c.ts#c')).toEqual(['b.ts#b', 'c.ts#c']);
  });

  it('returns the chain as far as it goes when via loops or leads nowhere', () => {
    const looping = buildResult({
      changes: [changed('a.ts', 'a')],
      symbols: [affected('x.ts', 'x', 2, 'y.ts#y'), affected('y.ts', 'y', 1, 'x.ts#x')],
    });
    expect(whyPath(looping, 'x.ts#x')).toEqual(['y.ts#y', 'x.ts#x']);
    const broken = buildResult({ changes: [changed('a.ts', 'a')], symbols: [affected('x.ts', 'x', 2, 'gone.ts#g')] });
    expect(whyPath(broken, 'x.ts#x')).toEqual(['gone.ts#g', 'x.ts#x']);
  });

  it('has depth + 1 elements for every affected symbol of a consistent result', () => {
    const result = failResult();
    for (const symbol of result.affected.symbols) {
      expect(whyPath(result, symbol.id)).toHaveLength(symbol.depth + 1);
    }
  });
});

describe('selectWhyPaths', () => {
  const pick = (result: Result, max: number): string[] =>
    selectWhyPaths(result, indexSymbols(result), max).map((path) => path[path.length - 1] ?? '');

  it('puts entry points first, then the deepest, skipping paths a longer one already shows', () => {
    expect(pick(passResult(), 10)).toEqual([
      'src/server/index.ts#startServer',
      'src/server/index.ts#Server.listen',
      'src/cli/main.ts#main',
      'test/config/load.test.ts#<module>',
    ]);
  });

  it('gives other changed symbols a turn before a second path from the same one', () => {
    expect(pick(failResult(), 2)).toEqual(['src/server/index.ts#startServer', 'src/payments/refund.ts#refund']);
  });
});

describe('compareCodePoints', () => {
  it('orders by code point, not by UTF-16 unit', () => {
    const astral = 'a\u{1f600}';
    const highBmp = 'a\uff01';
    expect(highBmp < astral).toBe(false);
    expect(compareCodePoints(highBmp, astral)).toBeLessThan(0);
    expect(['b', 'a/b', 'a', 'a.ts'].sort(compareCodePoints)).toEqual(['a', 'a.ts', 'a/b', 'b']);
  });
});
