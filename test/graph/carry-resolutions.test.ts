// Which resolutions of an earlier file list still hold after files are added or removed.
import { describe, expect, test } from 'vitest';
import { carryResolutions } from '../../src/graph/carry-resolutions.js';
import type { Resolution } from '../../src/types.js';

const file = (path: string): Resolution => ({ kind: 'file', path });

describe('carryResolutions', () => {
  const before = ['src/a.ts', 'src/old.ts', 'src/vendor/jquery.min.js', 'src/view.ts'];
  const keyed = new Map<string, Resolution>([
    ['src/view.ts\u0000./a', file('src/a.ts')],
    ['src/view.ts\u0000./old', file('src/old.ts')],
    ['src/view.ts\u0000./vendor/jquery.min', file('src/vendor/jquery.min.js')],
    ['src/view.ts\u0000./types', { kind: 'unresolved' }],
    ['src/view.ts\u0000./store', { kind: 'unresolved' }],
    ['src/view.ts\u0000react', { kind: 'external' }],
  ]);

  test('drops what led to a removed file and what an added file may now answer; keeps the rest', () => {
    const now = new Set(['src/a.ts', 'src/vendor/jquery.min.ts', 'src/types.d.ts', 'src/store/index.ts', 'src/view.ts']);
    expect([...carryResolutions(keyed, before, now).keys()]).toEqual(['src/view.ts\u0000./a', 'src/view.ts\u0000react']);
  });

  test('the same file list keeps everything', () => {
    expect(carryResolutions(keyed, before, new Set(before)).size).toBe(keyed.size);
  });
});
