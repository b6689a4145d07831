import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderText, type RenderOptions } from '../../src/report/index.js';
import type { Result } from '../../src/types.js';
import {
  failResult,
  largeResult,
  nothingChangedResult,
  passResult,
  removedSymbolResult,
  triviaOnlyResult,
  warnResult,
} from './result-fixture.js';

const plain: RenderOptions = { chalk: new Chalk({ level: 0 }), verbose: false };

describe('renderText', () => {
  it.each([
    ['pass', passResult],
    ['warn', warnResult],
    ['fail', failResult],
    ['nothing-changed', nothingChangedResult],
    ['trivia-only', triviaOnlyResult],
    ['removed-symbol', removedSymbolResult],
    ['long-lists', () => largeResult({ changes: 40, files: 60, perFile: 3, findings: 2 })],
  ])('reads well for a %s result', async (name, build) => {
    await expect(renderText(build(), plain)).toMatchFileSnapshot(`__snapshots__/text-${name}.txt`);
  });

  it('lists everything with --verbose', async () => {
    const text = renderText(largeResult({ changes: 40, files: 60, perFile: 12 }), { ...plain, verbose: true });
    expect(text).not.toContain('(--verbose)');
    expect(text.match(/features\/feature-\d+\/index\.ts {2}/g)).toHaveLength(60);
    expect(text).toContain('symbol00000, symbol00001, symbol00002, symbol00003, symbol00004, symbol00005, symbol00006');
    await expect(text).toMatchFileSnapshot('__snapshots__/text-long-lists-verbose.txt');
  });

  it('lines up its columns: a deep path among short ones stands on a line of its own, a column of long paths is as wide as they are', () => {
    const block = (text: string, title: string) => text.split('\n\n').find((section) => section.startsWith(title))!.split('\n');
    const deep = largeResult({ changes: 4, files: 3, perFile: 1 });
    deep.changes[2] = { ...deep.changes[2]!, file: 'src/core/a/very/deep/folder/that/goes/on/and/on/module-00002.ts' };
    expect(block(renderText(deep, plain), 'Changed')).toEqual([
      'Changed  4 symbols in 4 files',
      '  src/core/a/very/deep/folder/that/goes/on/and/on/module-00002.ts:12',
      '                               function  handler00002  modified (body)',
      '  src/core/module-00000.ts:10  function  handler00000  modified (body)',
      '  src/core/module-00001.ts:11  function  handler00001  modified (body)',
      '  src/core/module-00003.ts:13  function  handler00003  modified (body)',
    ]);
    // A monorepo's paths, all long and of many lengths: one column, every row on one line.
    const long = largeResult({ changes: 6, files: 3, perFile: 1 });
    long.changes = long.changes.map((change, index) => ({ ...change, file: `packages/element${'/lib'.repeat(index)}/src/module.ts` }));
    const rows = block(renderText(long, plain), 'Changed').slice(1);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((row) => row.indexOf('function')))).toEqual(new Set([2 + 'packages/element/lib/lib/lib/lib/lib/src/module.ts:15'.length + 2]));
  });

  it('puts an affected file far longer than the others on a line of its own, its names below, aligned', () => {
    const block = (text: string) => text.split('\n\n').find((section) => section.startsWith('Blast radius'))!.split('\n');
    const result = largeResult({ changes: 2, files: 3, perFile: 1, depth: 1 });
    const deep = 'packages/app-1/src/features/a/very/deep/folder/that/goes/on/and/on/index.ts';
    const moved = result.affected.symbols[1]!.file;
    result.affected.symbols = result.affected.symbols.map((symbol) => (symbol.file === moved ? { ...symbol, file: deep, id: `${deep}#${symbol.name}` } : symbol));
    result.affected.files = result.affected.files.map((file) => (file === moved ? deep : file));
    // After the title and the counts.
    const rows = block(renderText(result, plain)).slice(2, 6);
    expect(rows).toEqual([
      '  depth 1  packages/app-0/src/features/feature-00000/index.ts  symbol00000',
      `           ${deep}`,
      `${' '.repeat('  depth 1  packages/app-0/src/features/feature-00000/index.ts  '.length)}symbol00000`,
      '           packages/app-2/src/features/feature-00002/index.ts  symbol00000',
    ]);
  });

  it('caps the affected files at 20 and says how many are left', () => {
    const text = renderText(largeResult({ changes: 3, files: 60, perFile: 1 }), plain);
    expect(text.match(/features\/feature-\d+\/index\.ts {2}/g)).toHaveLength(20);
    expect(text).toContain('  … and 40 more files (--verbose)\n');
  });

  it('prints as many why-paths as asked for', () => {
    const count = (text: string): number => {
      const section = text.split('\n\n').find((block) => block.startsWith('Why')) ?? '';
      return section.split('\n').filter((line) => /^ {2}\S/.test(line)).length;
    };
    expect(count(renderText(failResult(), plain))).toBe(3);
    expect(count(renderText(failResult(), { ...plain, maxPaths: 1 }))).toBe(1);
    expect(renderText(failResult(), { ...plain, maxPaths: 0 })).not.toContain('\nWhy');
  });

  it('keeps every line of a typical report within 80 columns', () => {
    for (const result of [passResult(), warnResult(), failResult(), removedSymbolResult()]) {
      const long = renderText(result, plain)
        .split('\n')
        .filter((line) => line.length > 80);
      expect(long).toEqual([]);
    }
  });

  it('is colour-free at level 0 and coloured at level 1', () => {
    const result = failResult();
    expect(renderText(result, plain)).not.toMatch(/\u001b\[/);
    const coloured = renderText(result, { ...plain, chalk: new Chalk({ level: 1 }) });
    expect(coloured).toContain(`\u001b[31m\u001b[1m✖ FAIL\u001b[22m\u001b[39m`);
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderText(result, plain));
  });

  it('never prints timings', () => {
    const result = passResult();
    const slower: Result = { ...result, timingsMs: { git: 9_999, graph: 123_456, total: 777_777 } };
    expect(renderText(slower, plain)).toBe(renderText(result, plain));
    expect(renderText(slower, plain)).not.toMatch(/9,?999|123,?456|777,?777|ms\b/);
  });

  it('orders its lists itself, whatever order the result holds them in', () => {
    const result = failResult();
    const shuffled: Result = {
      ...result,
      changes: [...result.changes].reverse(),
      affected: {
        ...result.affected,
        symbols: [...result.affected.symbols].reverse(),
        files: [...result.affected.files].reverse(),
        tests: [...result.affected.tests].reverse(),
        packages: [...result.affected.packages].reverse(),
      },
      findings: [...result.findings].reverse(),
    };
    expect(renderText(shuffled, plain)).toBe(renderText(result, plain));
  });

  it('says so when the base is a commit named by its sha and the head is the working tree', () => {
    const result = passResult();
    const text = renderText(
      { ...result, base: { ...result.base, ref: result.base.sha.slice(0, 12), reason: '--base' }, head: { ...result.head, ref: 'HEAD', worktree: true } },
      plain,
    );
    expect(text.split('\n').slice(0, 3)).toEqual([
      'base      9f8e7d6 (--base), merge-base 5c4b3a2',
      'head      HEAD 1a2b3c4 + working tree',
      'policy    .blast.yml',
    ]);
  });

  it('names the built-in policy when no file was found', () => {
    const text = renderText({ ...passResult(), policy: { path: null, source: 'default' } }, plain);
    expect(text).toContain('\npolicy    built-in default\n');
  });

  it('marks a via chain that does not reach a changed symbol instead of throwing', () => {
    const result = passResult();
    const broken: Result = {
      ...result,
      affected: {
        ...result.affected,
        symbols: result.affected.symbols.map((symbol) =>
          symbol.id === 'src/cli/run.ts#runCommand' ? { ...symbol, via: 'src/gone.ts#vanished' } : symbol,
        ),
      },
    };
    expect(renderText(broken, { ...plain, maxPaths: 10 })).toContain(
      '  src/cli/main.ts#main\n    ← runtime  src/cli/run.ts#runCommand\n    ← runtime  src/gone.ts#vanished  (chain broken)\n',
    );
  });
});
