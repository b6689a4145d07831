// The order in which parse threads parse ahead: the focus's folders first, then those around them.
import { expect, test } from 'vitest';
import { prefetchOrder } from '../../src/graph/prefetch-order.js';

const files = ['a/b/c/x.ts', 'a/b/c/y.ts', 'a/b/d/z.ts', 'a/e.ts', 'f/g.ts', 'root.ts', 'a/b/c/deeper/w.ts'];

test('files sharing more folders with the focus come first, then by path; files sharing none are left out', () => {
  expect(prefetchOrder(['a/b/c/x.ts'], files, 10)).toEqual(['a/b/c/deeper/w.ts', 'a/b/c/x.ts', 'a/b/c/y.ts', 'a/b/d/z.ts', 'a/e.ts']);
});

test('with several files in focus, each file counts by the nearest, and the limit cuts the farthest', () => {
  expect(prefetchOrder(['a/b/d/z.ts', 'f/new.ts'], files, 4)).toEqual(['a/b/d/z.ts', 'a/b/c/deeper/w.ts', 'a/b/c/x.ts', 'a/b/c/y.ts']);
  expect(prefetchOrder(['root.ts'], files, 10)).toEqual([]);
});
