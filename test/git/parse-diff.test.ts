import { describe, expect, test } from 'vitest';
import { comparePaths } from '../../src/git/compare-paths.js';
import { parseNameStatus, parsePatch, unquoteCPath } from '../../src/git/parse-diff.js';

describe('parseNameStatus', () => {
  test('reads every status, renames as old then new, with -z fields', () => {
    const output = ['M', 'src/a.ts', 'R087', 'src/old name.ts', 'src/new name.ts', 'A', 'src/café.ts', 'D', 'gone.ts', 'T', 'link', 'U', 'conflict.ts', 'C100', 'x.ts', 'y.ts', ''].join('\0');
    expect(parseNameStatus(output)).toEqual([
      { status: 'modified', path: 'src/a.ts' },
      { status: 'renamed', path: 'src/new name.ts', oldPath: 'src/old name.ts' },
      { status: 'added', path: 'src/café.ts' },
      { status: 'deleted', path: 'gone.ts' },
      { status: 'type-changed', path: 'link' },
      { status: 'modified', path: 'conflict.ts' },
      { status: 'copied', path: 'y.ts', oldPath: 'x.ts' },
    ]);
  });

  test('a path with a newline survives (-z)', () => {
    expect(parseNameStatus('M\0line\nbreak.ts\0')).toEqual([{ status: 'modified', path: 'line\nbreak.ts' }]);
  });

  test('empty output is no entries', () => {
    expect(parseNameStatus('')).toEqual([]);
  });
});

describe('parsePatch', () => {
  test('converts -U0 hunks to LineRanges, shifting zero-count starts past the gap', () => {
    const patch = [
      'diff --git a/src/index.ts b/src/index.ts',
      'index 1111111..2222222 100644',
      '--- a/src/index.ts',
      '+++ b/src/index.ts',
      '@@ -1 +1 @@',
      "-import { add } from './math.js';",
      "+import { add, multiply } from './arithmetic.js';",
      '@@ -3,0 +4 @@ export const total = add(1, 2);',
      '+export const product = multiply(2, 3);',
      '@@ -7,2 +7,0 @@',
      '-a',
      '-b',
      '',
    ].join('\n');
    expect(parsePatch(patch)).toEqual([
      {
        oldPath: 'src/index.ts',
        newPath: 'src/index.ts',
        oldRanges: [
          { start: 1, count: 1 },
          { start: 4, count: 0 },
          { start: 7, count: 2 },
        ],
        newRanges: [
          { start: 1, count: 1 },
          { start: 4, count: 1 },
          { start: 8, count: 0 },
        ],
        binary: false,
      },
    ]);
  });

  test('content lines that look like headers are skipped by the hunk counts', () => {
    const patch = [
      'diff --git a/notes.md b/notes.md',
      '--- a/notes.md',
      '+++ b/notes.md',
      '@@ -1,3 +1,3 @@',
      '--- a/other.md',
      '-diff --git a/x b/x',
      '-@@ -1 +1 @@',
      '+++ b/other.md',
      '+rename to evil',
      '+Binary files x and y differ',
      '\\ No newline at end of file',
      'diff --git a/next.ts b/next.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/next.ts',
      '@@ -0,0 +1,2 @@',
      '+one',
      '+two',
    ].join('\n');
    expect(parsePatch(patch)).toEqual([
      { oldPath: 'notes.md', newPath: 'notes.md', oldRanges: [{ start: 1, count: 3 }], newRanges: [{ start: 1, count: 3 }], binary: false },
      { oldPath: null, newPath: 'next.ts', oldRanges: [], newRanges: [{ start: 1, count: 2 }], binary: false },
    ]);
  });

  test('a deleted file has old ranges only', () => {
    const patch = [
      'diff --git a/src/legacy.ts b/src/legacy.ts',
      'deleted file mode 100644',
      'index 3333333..0000000',
      '--- a/src/legacy.ts',
      '+++ /dev/null',
      '@@ -1,3 +0,0 @@',
      '-a',
      '-b',
      '-c',
    ].join('\n');
    expect(parsePatch(patch)).toEqual([
      { oldPath: 'src/legacy.ts', newPath: null, oldRanges: [{ start: 1, count: 3 }], newRanges: [], binary: false },
    ]);
  });

  test('renames take their paths from the rename lines, even with spaces and no hunks', () => {
    const patch = [
      'diff --git a/old b/name.ts b/new b/name.ts',
      'similarity index 100%',
      'rename from old b/name.ts',
      'rename to new b/name.ts',
      'diff --git a/src/math.ts b/src/arithmetic.ts',
      'similarity index 90%',
      'rename from src/math.ts',
      'rename to src/arithmetic.ts',
      'index 1..2 100644',
      '--- a/src/math.ts',
      '+++ b/src/arithmetic.ts',
      '@@ -10 +10 @@ export function multiply(a: number, b: number): number {',
      '-  return a * b;',
      '+  return b * a;',
    ].join('\n');
    expect(parsePatch(patch)).toEqual([
      { oldPath: 'old b/name.ts', newPath: 'new b/name.ts', oldRanges: [], newRanges: [], binary: false },
      { oldPath: 'src/math.ts', newPath: 'src/arithmetic.ts', oldRanges: [{ start: 10, count: 1 }], newRanges: [{ start: 10, count: 1 }], binary: false },
    ]);
  });

  test('C-quoted paths, the tab after names with spaces, and a header split at its middle', () => {
    const patch = [
      'diff --git "a/src/tab\\there.ts" "b/src/tab\\there.ts"',
      '--- "a/src/tab\\there.ts"',
      '+++ "b/src/tab\\there.ts"',
      '@@ -2 +2 @@',
      '-x',
      '+y',
      'diff --git a/docs/my file.ts b/docs/my file.ts',
      '--- a/docs/my file.ts\t',
      '+++ b/docs/my file.ts\t',
      '@@ -1 +1,2 @@',
      '-x',
      '+y',
      '+z',
      'diff --git "a/caf\\303\\251 \\"q\\".ts" b/plain.ts',
      'similarity index 60%',
      'rename from "caf\\303\\251 \\"q\\".ts"',
      'rename to plain.ts',
      'diff --git a/dir b/x.png b/dir b/x.png',
      'index 1..2 100644',
      'Binary files a/dir b/x.png and b/dir b/x.png differ',
    ].join('\n');
    expect(parsePatch(patch).map(({ oldPath, newPath, binary }) => ({ oldPath, newPath, binary }))).toEqual([
      { oldPath: 'src/tab\there.ts', newPath: 'src/tab\there.ts', binary: false },
      { oldPath: 'docs/my file.ts', newPath: 'docs/my file.ts', binary: false },
      { oldPath: 'café "q".ts', newPath: 'plain.ts', binary: false },
      { oldPath: 'dir b/x.png', newPath: 'dir b/x.png', binary: true },
    ]);
  });

  test('a new binary file has neither ranges nor an old path', () => {
    const patch = ['diff --git a/logo.png b/logo.png', 'new file mode 100644', 'index 0000000..1234567', 'Binary files /dev/null and b/logo.png differ'].join('\n');
    expect(parsePatch(patch)).toEqual([{ oldPath: null, newPath: 'logo.png', oldRanges: [], newRanges: [], binary: true }]);
  });

  test('a mode-only change has no ranges', () => {
    const patch = ['diff --git a/run.sh b/run.sh', 'old mode 100644', 'new mode 100755'].join('\n');
    expect(parsePatch(patch)).toEqual([{ oldPath: 'run.sh', newPath: 'run.sh', oldRanges: [], newRanges: [], binary: false }]);
  });
});

describe('unquoteCPath', () => {
  test.each([
    ['plain/path.ts', 'plain/path.ts'],
    ['"a\\tb"', 'a\tb'],
    ['"caf\\303\\251.ts"', 'café.ts'],
    ['"quote\\"and\\\\slash"', 'quote"and\\slash'],
    ['"new\\nline"', 'new\nline'],
    ['"日本.ts"', '日本.ts'],
  ])('%s', (quoted, path) => {
    expect(unquoteCPath(quoted)).toBe(path);
  });
});

describe('comparePaths', () => {
  test('orders by code point, like git', () => {
    const paths = ['b', 'a/b', 'a-b', 'a', '\u{1F600}.ts', '\uFB01.ts', 'Z', 'é'];
    expect([...paths].sort(comparePaths)).toEqual(['Z', 'a', 'a-b', 'a/b', 'b', 'é', '\uFB01.ts', '\u{1F600}.ts']);
  });
});
