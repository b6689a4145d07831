// The cache of DESIGN §8: hits and misses by blob id, invalidation, corruption, concurrency.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildGraph, openGraphCache, clearGraphCache } from '../../src/graph/index.js';
import { edgesOf, graphOf, treeOf } from './graph-of.js';

const files = {
  'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }',
  'src/a.ts': 'export function a() { return 1; }\n',
  'src/b.ts': "import { a } from '@/a';\nexport const b = () => a();\n",
};

function cacheDir(): string {
  return mkdtempSync(join(tmpdir(), 'blast-cache-'));
}

/** Counts what a build read from disk, to tell a hit from a miss. */
async function build(tree: Record<string, string>, dir: string, version = '1.0.0') {
  const cache = await openGraphCache(dir, version);
  const source = treeOf(tree);
  const read: string[] = [];
  const output = await buildGraph({ ...source, cache, readTexts: (paths) => (read.push(...paths), source.readTexts(paths)) });
  await cache.flush();
  return { output, read: read.sort() };
}

describe('graph cache', () => {
  test('a warm build reads and parses nothing; a changed blob is parsed alone', async () => {
    const dir = cacheDir();
    const cold = await build(files, dir);
    expect(cold.output.parsedFiles).toBe(2);
    expect(cold.read).toEqual(['src/a.ts', 'src/b.ts', 'tsconfig.json']);

    const warm = await build(files, dir);
    expect(warm.output.parsedFiles).toBe(0);
    expect(warm.read).toEqual([]);
    expect(edgesOf(warm.output.graph)).toEqual(edgesOf(cold.output.graph));

    const edited = await build({ ...files, 'src/a.ts': 'export function a() { return 2; }\n' }, dir);
    expect(edited.output.parsedFiles).toBe(1);
    expect(edited.read).toEqual(['src/a.ts']);
  });

  test('another blast version and another tsconfig invalidate what they should', async () => {
    const dir = cacheDir();
    await build(files, dir);
    const newVersion = await build(files, dir, '1.0.1');
    expect(newVersion.output.parsedFiles).toBe(2);

    // A tsconfig edit keeps the facts but resolves again, with the new options.
    const moved = { ...files, 'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["lib/*"] } } }' };
    const rebuilt = await build(moved, dir, '1.0.1');
    expect(rebuilt.output.parsedFiles).toBe(0);
    expect(rebuilt.read).toEqual(['tsconfig.json']);
    expect(edgesOf(rebuilt.output.graph)).toEqual([]);
    expect(rebuilt.output.graph.unresolvedImports).toEqual([{ file: 'src/b.ts', specifier: '@/a', line: 1 }]);
  });

  test('a corrupt, truncated or foreign cache file is ignored and rebuilt', async () => {
    const dir = cacheDir();
    const reference = edgesOf(await graphOf(files));
    writeFileSync(join(dir, 'facts.bin'), 'not a cache');
    writeFileSync(join(dir, 'resolutions.bin'), Buffer.from([0xff, 0x0d, 0x6f]));
    const first = await build(files, dir);
    expect(first.output.parsedFiles).toBe(2);
    expect(edgesOf(first.output.graph)).toEqual(reference);
    const truncated = readdirSync(dir).find((name) => name === 'facts.bin')!;
    writeFileSync(join(dir, truncated), Buffer.alloc(7));
    const second = await build(files, dir);
    expect(edgesOf(second.output.graph)).toEqual(reference);
  });

  test('two builds at once leave a cache that a third reads whole', async () => {
    const dir = cacheDir();
    const other = { ...files, 'src/c.ts': "import { b } from './b';\nexport const c = b;\n" };
    await Promise.all([build(files, dir), build(other, dir)]);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const third = await build(other, dir);
    expect(edgesOf(third.output.graph)).toEqual(edgesOf(await graphOf(other)));
  });

  test('clearing removes only the files blast writes', async () => {
    const dir = cacheDir();
    await build(files, dir);
    writeFileSync(join(dir, 'keep-me.txt'), 'not blast');
    expect(await clearGraphCache(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual(['keep-me.txt']);
    expect(await clearGraphCache(join(dir, 'missing'))).toBe(false);
  });
});
