// A focused graph skims every file for its imports and parses only the files that can reach the
// focus: the rest are never parsed, so their syntax errors are not the graph's.
import { describe, expect, test } from 'vitest';
import { buildGraph, memoryCache, parseUncached, ReadProgress } from '../../src/graph/index.js';
import { edgesOf, treeOf } from './graph-of.js';

describe('a focused graph', () => {
  const files = {
    'src/price.ts': 'export const price = (cents: number) => cents / 100;\n',
    'src/index.ts': "export { price } from './price';\nexport { label } from './label';\n",
    'src/label.ts': 'export const label = (text: string) => text.trim();\n',
    'src/cart.ts': "import { price } from './index';\nexport const total = (items: number[]) => items.map(price);\n",
    'src/title.ts': "import { label } from './index';\nexport const title = () => label(' Cart ');\n",
    'src/broken.ts': 'export function broken( {\n',
  };

  test('parses the focus, the files that can consult it and what those read; reports their syntax errors only', async () => {
    const output = await buildGraph({ ...treeOf(files), cache: await memoryCache(), focus: ['src/price.ts'] });
    // title.ts imports the barrel that re-exports price.ts, so it may consult it: parsed, then
    // found to read only label.ts. broken.ts cannot reach price.ts: skimmed, never parsed.
    expect(output.parsedFiles).toBe(5);
    expect([...output.graph.files.keys()]).toEqual(['src/cart.ts', 'src/price.ts']);
    expect(output.graph.unparsedFiles).toEqual([]);
    expect(output.codeFiles).toEqual(['src/broken.ts', 'src/cart.ts', 'src/index.ts', 'src/label.ts', 'src/price.ts', 'src/title.ts']);
    expect(edgesOf(output.graph)).toEqual(['src/cart.ts#total -> src/price.ts#price (runtime)']);
  });

  test('the whole graph parses every file and reports every syntax error', async () => {
    const output = await buildGraph({ ...treeOf(files), cache: await memoryCache() });
    expect(output.parsedFiles).toBe(6);
    expect(output.graph.unparsedFiles).toEqual(['src/broken.ts']);
  });

  // `}` then `/`: the skim cannot tell a block from an object literal and takes a division, so
  // the rest of the line is a string to it. The parse reads the `require`.
  const unreadTree = {
    'src/flag.ts': 'export const flag = () => true;\n',
    'src/check.ts': "import { flag } from './flag';\nexport const check = () => { if (flag()) { return 1; } /'/.test('x'); return require('./zone').zone; };\n",
    'src/zone.ts': "export const zone = 'UTC';\n",
  };

  test('a module the facts name and the skim did not read is still resolved, and not counted as an import', async () => {
    const output = await buildGraph({ ...treeOf(unreadTree), cache: await memoryCache(), focus: ['src/flag.ts', 'src/zone.ts'] });
    expect(edgesOf(output.graph)).toEqual(['src/check.ts#check -> src/flag.ts#flag (runtime)', 'src/check.ts#check -> src/zone.ts#zone (dynamic)']);
    expect([...output.resolved.get('src/check.ts')!.keys()]).toEqual(['./flag']);
    expect(output.graph.unresolvedImports).toEqual([]);
  });

  test('so it is when the facts were parsed beside the skim before the graph, as for a warm run\'s changed files', async () => {
    const tree = treeOf(unreadTree);
    const cache = await memoryCache();
    await parseUncached(tree.files, tree.readTexts, cache);
    const output = await buildGraph({ ...tree, cache, focus: ['src/flag.ts', 'src/zone.ts'] });
    expect(output.parsedFiles).toBe(0);
    expect(edgesOf(output.graph)).toEqual(['src/check.ts#check -> src/flag.ts#flag (runtime)', 'src/check.ts#check -> src/zone.ts#zone (dynamic)']);
  });

  test('a barrel imported for one name has the module carrying it parsed, not every module behind it', async () => {
    const tree = treeOf({
      'src/f.ts': 'export const f = 1;\n',
      'src/lib/x1.ts': 'export const x1 = 1;\n',
      'src/lib/x2.ts': 'export const x2 = 2;\n',
      'src/lib/index.ts': "export { x1 } from './x1';\nexport { x2 } from './x2';\n",
      'src/index.ts': "export { f } from './f';\nexport * from './lib';\n",
      'src/app.ts': "import { f } from './index';\nexport const run = () => f;\n",
    });
    const output = await buildGraph({ ...tree, cache: await memoryCache(), focus: ['src/f.ts'] });
    // app.ts and the barrel it imports can consult f.ts; the barrel names lib/index.ts, read for
    // its piece; x1.ts and x2.ts carry no name app.ts takes.
    expect(output.parsedFiles).toBe(4);
    expect(edgesOf(output.graph)).toEqual(['src/app.ts#run -> src/f.ts#f (runtime)']);
  });

  test('a warm graph looks the cache up while an early read parses an edited file, and reads nothing itself', async () => {
    const cache = await memoryCache();
    await buildGraph({ ...treeOf(files), cache, focus: ['src/price.ts'] });
    const edited = { ...files, 'src/cart.ts': files['src/cart.ts'].replace('items.map(price)', 'items.map(price).slice(0)') };
    const tree = treeOf(edited);
    const read: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // The early read waits until the graph has begun: the graph's own lookup comes first.
    const ready = held.then(() => parseUncached(tree.files, tree.readTexts, cache));
    const building = buildGraph({ ...tree, readTexts: (paths) => (read.push(...paths), tree.readTexts(paths)), cache, focus: ['src/price.ts'], ready });
    release();
    const warm = await building;
    expect(read).toEqual([]);
    expect(warm.parsedFiles).toBe(0);
    const plain = await buildGraph({ ...tree, cache: await memoryCache(), focus: ['src/price.ts'] });
    expect(edgesOf(warm.graph)).toEqual(edgesOf(plain.graph));
    expect(warm.resolved).toEqual(plain.resolved);
  });

  test('imports resolved while an early read skims, part by part, give the graph a plain build gives', async () => {
    const plain = await buildGraph({ ...treeOf(files), cache: await memoryCache(), focus: ['src/price.ts'] });
    const tree = treeOf(files);
    const cache = await memoryCache();
    const progress = new ReadProgress();
    let started = () => {};
    const busy = new Promise<void>((resolve) => (started = resolve));
    const ready = parseUncached(tree.files, tree.readTexts, cache, { progress, onStarted: started });
    const early = await buildGraph({ ...tree, cache, focus: ['src/price.ts'], ready, busy, progress });
    expect(edgesOf(early.graph)).toEqual(edgesOf(plain.graph));
    expect(early.resolved).toEqual(plain.resolved);
    expect(early.graph.unresolvedImports).toEqual(plain.graph.unresolvedImports);
  });
});
