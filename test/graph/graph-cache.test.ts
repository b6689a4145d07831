// The cache of DESIGN §8: hits and misses by blob id, invalidation, corruption, concurrency.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildGraph, clearGraphCache, disabledCache, openGraphCache } from '../../src/graph/index.js';
import { cacheDir, edgesOf, graphOf, treeOf } from './graph-of.js';

const files = {
  'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }',
  'src/a.ts': 'export function a() { return 1; }\n',
  'src/b.ts': "import { a } from '@/a';\nexport const b = () => a();\n",
};

/** Counts what a build read from disk, to tell a hit from a miss. */
async function build(tree: Record<string, string>, dir: string, version = '1.0.0') {
  const cache = await openGraphCache(dir, version);
  const source = treeOf(tree);
  const read: string[] = [];
  const output = await buildGraph({ ...source, cache, readTexts: (paths) => (read.push(...paths), source.readTexts(paths)) });
  await cache.flush();
  return { output, read: read.sort() };
}

/** A cache folder a build has filled, and the edges a build without a cache finds. */
async function builtOnce(): Promise<{ dir: string; reference: string[] }> {
  const dir = cacheDir();
  const reference = edgesOf(await graphOf(files));
  await build(files, dir);
  return { dir, reference };
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

  test('whether the cache holds a skim is told once the skims are read, before the cache is whole', async () => {
    const dir = cacheDir();
    await build(files, dir);
    const source = treeOf(files);
    const told: string[] = [];
    let whole = false;
    const opened = openGraphCache(dir, '1.0.0', (held) => {
      told.push(`whole: ${whole}`, ...source.files.map((file) => `${file.path} ${held(file.path, file.blob)}`), `src/a.ts elsewhere ${held('src/a.ts', '0'.repeat(40))}`);
    });
    await opened.then(() => (whole = true));
    expect(told).toEqual(['whole: false', 'src/a.ts true', 'src/b.ts true', 'tsconfig.json false', 'src/a.ts elsewhere false']);
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

  test('a store of bodies cut short is ignored: its pieces are built again', async () => {
    const { dir, reference } = await builtOnce();
    for (const name of readdirSync(dir).filter((name) => name.startsWith('piece-bodies.bin'))) {
      const bytes = readFileSync(join(dir, name));
      writeFileSync(join(dir, name), bytes.subarray(0, bytes.length - 10));
    }
    const again = await build(files, dir);
    expect(again.output.parsedFiles).toBe(0);
    expect(again.output.builtPieces).toBe(2);
    expect(edgesOf(again.output.graph)).toEqual(reference);
  });

  test('bodies are read from the files the run opened, though another blast replaces them meanwhile', async () => {
    const { dir, reference } = await builtOnce();
    const cache = await openGraphCache(dir, '1.0.0');
    // Another blast folding the journals: a new file renamed over each, then the journals removed.
    for (const name of readdirSync(dir).filter((name) => name.startsWith('piece-bodies.bin') || name.startsWith('fact-bodies.bin'))) {
      writeFileSync(join(dir, `${name}.new`), Buffer.alloc(64, 0xff));
      renameSync(join(dir, `${name}.new`), join(dir, name));
      rmSync(join(dir, name));
    }
    const source = treeOf(files);
    const output = await buildGraph({ ...source, cache });
    expect(output.parsedFiles).toBe(0);
    expect(output.builtPieces).toBe(0);
    expect(edgesOf(output.graph)).toEqual(reference);
  });

  test.skipIf(process.platform !== 'linux')('close lets go of the files read as asked, once however often it is called', async () => {
    const dir = cacheDir();
    await build(files, dir);
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    const cache = await openGraphCache(dir, '1.0.0');
    const output = await buildGraph({ ...treeOf(files), cache });
    expect(edgesOf(output.graph)).toEqual(edgesOf(await graphOf(files)));
    expect(openFiles()).toBeGreaterThan(before);
    cache.close();
    cache.close();
    expect(openFiles()).toBe(before);
  });

  test('facts or pieces whose bodies are gone are parsed and built again', async () => {
    const { dir, reference } = await builtOnce();
    for (const name of readdirSync(dir).filter((name) => name.startsWith('fact-bodies.bin') || name.startsWith('piece-bodies.bin'))) rmSync(join(dir, name));
    const again = await build(files, dir);
    expect(again.output.parsedFiles).toBe(2);
    expect(again.output.builtPieces).toBe(2);
    expect(edgesOf(again.output.graph)).toEqual(reference);
  });

  test('two builds at once leave a cache that a third reads whole', async () => {
    const dir = cacheDir();
    const other = { ...files, 'src/c.ts': "import { b } from './b';\nexport const c = b;\n" };
    await Promise.all([build(files, dir), build(other, dir)]);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const third = await build(other, dir);
    expect(edgesOf(third.output.graph)).toEqual(edgesOf(await graphOf(other)));
  });

  test('graph pieces: a body edit rebuilds its own file alone; a change of what files export rebuilds those resolved through them', async () => {
    const tree = {
      'src/core/math.ts': 'export function add(a: number, b: number) { return a + b; }\nexport function sub(a: number, b: number) { return a - b; }\n',
      'src/core/text.ts': 'export function upper(s: string) { return s.toUpperCase(); }\n',
      'src/core/index.ts': "export * from './math';\nexport * from './text';\n",
      'src/app.ts': "import { add } from './core';\nexport const total = () => add(1, 2);\n",
      'src/label.ts': "import { upper } from './core';\nexport const label = () => upper('x');\n",
      'src/plain.ts': 'export const plain = 1;\n',
    };
    const dir = cacheDir();
    expect((await build(tree, dir)).output.builtPieces).toBe(6);
    expect((await build(tree, dir)).output.builtPieces).toBe(0);

    // A body edit: the importers' pieces stand, and the graph is the one built from scratch.
    const body = { ...tree, 'src/core/math.ts': tree['src/core/math.ts'].replace('a + b', 'b + a') };
    const edited = await build(body, dir);
    expect(edited.output.builtPieces).toBe(1);
    expect(edgesOf(edited.output.graph)).toEqual(edgesOf(await graphOf(body)));

    // math.ts now exports `upper` too, and comes first in the barrel: label's `upper` moves.
    const shadowing = { ...body, 'src/core/math.ts': `${body['src/core/math.ts']}export function upper(s: string) { return s; }\n` };
    const moved = await build(shadowing, dir);
    expect(edgesOf(moved.output.graph)).toEqual(edgesOf(await graphOf(shadowing)));
    expect(edgesOf(moved.output.graph)).toContain('src/label.ts#label -> src/core/math.ts#upper (runtime)');
    expect(edgesOf(moved.output.graph)).not.toContain('src/label.ts#label -> src/core/text.ts#upper (runtime)');
    // Rebuilt: math.ts (its blob), and the two files resolved through the barrel's names; not plain.ts.
    expect(moved.output.builtPieces).toBe(3);

    // A removed export: its importer's edge goes, from the cache as from scratch.
    const removed = { ...shadowing, 'src/core/math.ts': 'export function sub(a: number, b: number) { return a - b; }\nexport function upper(s: string) { return s; }\n' };
    const after = await build(removed, dir);
    expect(edgesOf(after.output.graph)).toEqual(edgesOf(await graphOf(removed)));
    expect(edgesOf(after.output.graph).filter((edge) => edge.startsWith('src/app.ts'))).toEqual([]);
  });

  test('a focused graph holds the files whose pieces can reach the change, overrides and implementations included', async () => {
    const tree = {
      'src/shape.ts': 'export abstract class Shape {\n  abstract area(): number;\n}\n',
      'src/square.ts': "import { Shape } from './shape';\nexport class Square extends Shape {\n  area() { return 4; }\n}\n",
      'src/report.ts': "import type { Shape } from './shape';\nexport function report(shape: Shape) { return shape.area(); }\n",
      'src/util.ts': 'export const version = 1;\n',
      'src/index.ts': "export * from './shape';\nexport * from './square';\nexport * from './util';\n",
      'src/unrelated.ts': "import { version } from './index';\nexport const next = () => version + 1;\n",
    };
    const { graph } = await buildGraph({ ...treeOf(tree), cache: disabledCache(), focus: ['src/square.ts'] });
    // report.ts never names Square, yet a call through Shape may run Square's area.
    expect(graph.dependents.get('src/square.ts#Square.area')?.map((edge) => edge.from).sort()).toEqual(['src/report.ts#report', 'src/square.ts#Square']);
    // unrelated.ts imports the barrel that re-exports square.ts, but resolves nothing from it.
    expect([...graph.files.keys()].sort()).toEqual(['src/report.ts', 'src/shape.ts', 'src/square.ts']);
  });

  test('a file added or removed re-resolves only the specifiers that could name it', async () => {
    const tree = {
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": "." } }',
      'src/util/index.ts': 'export const util = 1;\n',
      'src/a.ts': "import { util } from './util';\nexport const a = () => util;\n",
    };
    const dir = cacheDir();
    await build(tree, dir);
    // An unrelated file: nothing to resolve again, so the configs are not even read.
    const unrelated = { ...tree, 'src/b.ts': 'export const b = 2;\n' };
    const quiet = await build(unrelated, dir);
    expect(quiet.read).toEqual(['src/b.ts']);
    expect(edgesOf(quiet.output.graph)).toEqual(edgesOf(await graphOf(unrelated)));
    // `./util` now means src/util.ts, which a resolver prefers to the folder's index.
    const shadow = { ...unrelated, 'src/util.ts': 'export const util = 2;\n' };
    const moved = await build(shadow, dir);
    expect(edgesOf(moved.output.graph)).toEqual(['src/a.ts#a -> src/util.ts#util (runtime)']);
    // Removed again: back to the folder.
    const back = await build(unrelated, dir);
    expect(edgesOf(back.output.graph)).toEqual(['src/a.ts#a -> src/util/index.ts#util (runtime)']);
  });

  test('a piece valid by its stamps in a new project state is kept under that state, and found there without stamps', async () => {
    const dir = cacheDir();
    const blobOf = (tree: Record<string, string>, path: string) => treeOf(tree).files.find((file) => file.path === path)!.blob;
    const signaturesOf = async (tree: Record<string, string>) =>
      (await openGraphCache(dir, '1.0.0')).derived('piece', 'src/b.ts', blobOf(tree, 'src/b.ts')).map((variant) => variant.signature);
    const signatureOf = async (tree: Record<string, string>) => (await signaturesOf(tree))[0];
    expect((await build(files, dir)).output.builtPieces).toBe(2);
    const before = await signatureOf(files);
    // A file added elsewhere is a new project state: b.ts's piece stands, checked by its stamps, and renewed.
    const added = { ...files, 'src/c.ts': 'export const c = 3;\n' };
    expect((await build(added, dir)).output.builtPieces).toBe(1);
    const renewed = await signatureOf(added);
    expect(renewed).toBeDefined();
    expect(renewed).not.toBe(before);
    expect((await build(added, dir)).output.builtPieces).toBe(0);
    expect(await signatureOf(added)).toBe(renewed);
    // The first state keeps its own: the two sides of a check share pieces, and neither renews them again.
    expect(await signaturesOf(added)).toEqual([renewed, before]);
    expect((await build(files, dir)).output.builtPieces).toBe(0);
    expect(await signaturesOf(files)).toEqual([renewed, before]);
  });

  test('each run writes only what it added, in a journal; the eighth folds them into the main file', async () => {
    const dir = cacheDir();
    await build(files, dir);
    const journals = () => readdirSync(dir).filter((name) => name.startsWith('facts.bin.') && name.endsWith('.log'));
    expect(journals()).toHaveLength(1);
    for (let edit = 2; edit <= 7; edit++) await build({ ...files, 'src/a.ts': `export function a() { return ${edit}; }\n` }, dir);
    expect(journals()).toHaveLength(7);
    const folded = { ...files, 'src/a.ts': 'export function a() { return 8; }\n' };
    await build(folded, dir);
    expect(journals()).toEqual([]);
    expect(readdirSync(dir)).toContain('facts.bin');
    // What the journals held is in the main file: nothing is parsed again.
    const warm = await build(folded, dir);
    expect(warm.output.parsedFiles).toBe(0);
    expect(edgesOf(warm.output.graph)).toEqual(edgesOf(await graphOf(folded)));
  });

  test('small journals beside a main file are folded into one journal; the main file is rewritten once they have grown', async () => {
    const others = Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`src/other-${index}.ts`, `export const other${index} = ${index};\n`]));
    const tree = { ...files, ...others };
    const dir = cacheDir();
    const edit = (n: number) => build({ ...tree, 'src/a.ts': `export function a() { return ${n}; }\n` }, dir);
    const journals = () => readdirSync(dir).filter((name) => name.startsWith('facts.bin.') && name.endsWith('.log'));
    const main = () => statSync(join(dir, 'facts.bin'));
    // A fresh cache: the eighth run writes the main file.
    for (let n = 1; n <= 8; n++) await edit(n);
    expect(journals()).toEqual([]);
    const written = main();
    // Seven edits later, the eighth run folds the journals (a few hundred bytes each) into one.
    for (let n = 9; n <= 15; n++) await edit(n);
    expect(journals()).toHaveLength(7);
    await edit(16);
    expect(journals()).toHaveLength(1);
    expect(main().ino).toBe(written.ino);
    expect(main().mtimeMs).toBe(written.mtimeMs);
    // Nothing was lost: each edit's facts are there.
    for (const n of [9, 12, 16]) expect((await edit(n)).output.parsedFiles).toBe(0);
    // Folded again and again, the journals grow past a quarter of the main file: it is rewritten.
    for (let n = 17; main().ino === written.ino && n < 400; n++) await edit(n);
    expect(main().ino).not.toBe(written.ino);
    expect(journals()).toEqual([]);
    expect((await edit(16)).output.parsedFiles).toBe(0);
  });

  test('folding the journals keeps what the files of the tree need, though the run that folds them read little of it', async () => {
    const users = Object.fromEntries(Array.from({ length: 1100 }, (_, index) => [`src/user-${index}.ts`, `import { core } from './core';\nexport const user${index} = () => core();\n`]));
    const tree = { 'src/core.ts': 'export function core() { return 1; }\n', 'src/leaf.ts': 'export const leaf = 1;\n', ...users };
    const dir = cacheDir();
    const focused = async (files: Record<string, string>, focus: string) => {
      const cache = await openGraphCache(dir, '1.0.0');
      const output = await buildGraph({ ...treeOf(files), cache, focus: [focus] });
      await cache.flush();
      return output;
    };
    // Past a thousand entries, folding drops what it judges gone.
    expect((await focused(tree, 'src/core.ts')).builtPieces).toBe(1101);
    // Edits of a module nothing imports: each check reads its few entries and adds a journal.
    for (let edit = 1; edit <= 10; edit++) await focused({ ...tree, 'src/leaf.ts': `export const leaf = ${edit};\n` }, 'src/leaf.ts');
    expect(readdirSync(dir).filter((name) => name.startsWith('pieces.bin.') && name.endsWith('.log')).length).toBeLessThan(8);
    const warm = await focused({ ...tree, 'src/leaf.ts': 'export const leaf = 10;\n' }, 'src/core.ts');
    expect(warm.parsedFiles).toBe(0);
    expect(warm.builtPieces).toBe(0);
  });

  test('clearing removes only the files blast writes', async () => {
    const dir = cacheDir();
    await build(files, dir);
    writeFileSync(join(dir, 'keep-me.txt'), 'not blast');
    // The compiler's code, kept beside (see compiler-cache.ts), and a write of it cut short.
    writeFileSync(join(dir, 'compiler-code.bin'), 'code');
    writeFileSync(join(dir, 'compiler-code.bin.0123456789abcdef.tmp'), 'co');
    expect(await clearGraphCache(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual(['keep-me.txt']);
    expect(await clearGraphCache(join(dir, 'missing'))).toBe(false);
  });
});
