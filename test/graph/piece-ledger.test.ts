// The piece ledger: what a warm run in a known project state takes as valid without checking
// signatures, and what a change since makes it check again.
import { describe, expect, test } from 'vitest';
import { openGraphCache, type GraphCache } from '../../src/graph/index.js';
import { carriedVerdicts, encodeLedger, type Verdicts } from '../../src/graph/piece-ledger.js';
import { buildBesideFresh, cacheDir, SKIM_MISSES_REQUIRE } from './graph-of.js';

const outline = { symbols: ['a.ts#a'], targets: ['b.ts#b'], reads: ['save'], heritage: [['a.ts#A', 'b.ts#B', 'runtime']] as Array<[string, string, 'runtime']>, unknown: [] };

function verdicts(): Verdicts {
  return {
    piece: new Map([
      ['a.ts', { id: 'id-a', signature: 'sig-a', consulted: ['b.ts', '\u0000b.ts'], outline, parseError: { line: 3, col: 7, message: "';' expected." } }],
      ['b.ts', { id: 'id-b', signature: 'sig-b', consulted: [], outline: { symbols: ['b.ts#b'], targets: [], reads: [], heritage: [], unknown: [] }, parseError: null }],
      ['c.ts', { id: 'id-c', signature: 'sig-c', consulted: ['other/outside.ts'], outline: { symbols: [], targets: [], reads: [], heritage: [], unknown: ['c.ts#x'] } }],
    ]),
    exports: new Map([['b.ts', { id: 'id-e', signature: 'sig-e', consulted: ['\u0000b.ts'] }]]),
  };
}

describe('ledger encoding', () => {
  const paths = ['a.ts', 'b.ts', 'c.ts'];
  const blobs = ['1111', '2222', '3333'];
  const noone = () => [];

  test('read back in the same state, every verdict holds, outlines and consulted keys included', () => {
    const { verdicts: carried, held } = carriedVerdicts(encodeLedger(paths, blobs, verdicts()), paths, blobs, noone);
    expect(held).toBe(true);
    expect(carried).toEqual(verdicts());
  });

  test('a changed blob drops its file and the files that can consult it, and nothing else', () => {
    const asked: string[][] = [];
    const consulting = (files: readonly string[]) => (asked.push([...files]), files.includes('b.ts') ? ['a.ts'] : []);
    const { verdicts: carried } = carriedVerdicts(encodeLedger(paths, blobs, verdicts()), paths, ['1111', '2229', '3333'], consulting);
    expect(asked).toEqual([['b.ts']]);
    expect([...carried.piece.keys()]).toEqual(['c.ts']);
    expect([...carried.exports.keys()]).toEqual([]);
  });

  test('a file that lost its entry (its text could not be read) keeps no verdict', () => {
    const { verdicts: carried } = carriedVerdicts(encodeLedger(paths, blobs, verdicts()), paths, ['1111', '2222', ''], noone);
    expect([...carried.piece.keys()]).toEqual(['a.ts', 'b.ts']);
  });

  test('a ledger of another shape, another file count or cut short holds nothing', () => {
    const encoded = encodeLedger(paths, blobs, verdicts());
    const none = { verdicts: { piece: new Map(), exports: new Map() }, held: false };
    expect(carriedVerdicts(undefined, paths, blobs, noone)).toEqual(none);
    expect(carriedVerdicts({ blobs, verdicts: [] }, paths, blobs, noone)).toEqual(none);
    expect(carriedVerdicts(encoded, ['a.ts', 'b.ts'], ['1111', '2222'], noone)).toEqual(none);
    expect(carriedVerdicts({ ...encoded, data: encoded.data.slice(0, -3) }, paths, blobs, noone)).toEqual(none);
    expect(carriedVerdicts({ ...encoded, data: Int32Array.from([...encoded.data, 7]) }, paths, blobs, noone)).toEqual(none);
    expect(carriedVerdicts({ ...encoded, lengths: encoded.lengths.map((length) => length + 1) }, paths, blobs, noone)).toEqual(none);
    expect(carriedVerdicts({ ...encoded, data: encoded.data.map((value) => (value > 2 ? 1_000_000 : value)) }, paths, blobs, noone)).toEqual(none);
  });
});


/** A cache that counts the signature checks a build makes (each asks for the variants of a file), and the ledgers it reads. */
function countingChecks(cache: GraphCache): { cache: GraphCache; checked: string[]; ledgersRead: () => number } {
  const checked: string[] = [];
  let ledgersRead = 0;
  return {
    cache: {
      ...cache,
      derived: (kind, path, blob) => (checked.push(`${kind} ${path}`), cache.derived(kind, path, blob)),
      ledger: (key) => (ledgersRead++, cache.ledger(key)),
    },
    checked,
    ledgersRead: () => ledgersRead,
  };
}

/**
 * A focused build through the cache in `dir`, flushed: its output and edges, what it checked,
 * the ledgers it read, and the same build without a cache, to compare with.
 */
async function focusedBuild(files: Record<string, string>, dir: string, focus: string[]) {
  const { cache, checked, ledgersRead } = countingChecks(await openGraphCache(dir, '1.0.0'));
  const built = await buildBesideFresh(files, cache, focus, ['src/core/index.ts']);
  return { ...built, checked: checked.sort(), ledgersRead: ledgersRead() };
}

describe('warm runs in a known state', () => {
  const tree = {
    'package.json': '{ "name": "app", "main": "src/core/index.ts" }',
    'src/core/math.ts': 'export function add(a: number, b: number) { return a + b; }\nexport function sub(a: number, b: number) { return a - b; }\n',
    'src/core/text.ts': 'export function upper(s: string) { return s.toUpperCase(); }\n',
    'src/core/index.ts': "export * from './math';\nexport * from './text';\n",
    'src/app.ts': "import { add } from './core';\nexport const total = () => add(1, 2);\n",
    'src/label.ts': "import { upper } from './core';\nexport const label = () => upper('x');\n",
    'src/deep.ts': "import { total } from './app';\nexport const deep = () => total();\n",
    'src/plain.ts': "import { sub } from './core/math';\nexport const plain = () => sub(2, 1);\n",
  };
  const focus = ['src/core/math.ts', 'src/core/text.ts'];

  const build = (files: Record<string, string>, dir: string) => focusedBuild(files, dir, focus);

  test('the same state again checks no signature; a change checks only what could have consulted it', async () => {
    const dir = cacheDir();
    const cold = await build(tree, dir);
    // What a run builds it notes: the next run in this state checks nothing.
    expect(cold.output.builtPieces).toBe(7);
    const again = await build(tree, dir);
    expect(again.checked).toEqual([]);
    expect(again.output.builtPieces).toBe(0);
    expect(again.edges).toEqual(again.fresh.edges);
    expect(again.exported).toEqual(again.fresh.exported);

    // A body edit of math.ts: what other files' pieces read of it (its surface, its exports,
    // the modules it names) is the same, so only its own piece is checked.
    const body = { ...tree, 'src/core/math.ts': tree['src/core/math.ts'].replace('a + b', 'b + a') };
    const edited = await build(body, dir);
    expect(edited.checked).toEqual(['piece src/core/math.ts']);
    expect(edited.edges).toEqual(edited.fresh.edges);
    expect((await build(body, dir)).checked).toEqual([]);

    // A new import in math.ts: the files that import it and those the barrel passing its names
    // leads to are checked; deep.ts and text.ts are not.
    const importing = { ...body, 'src/core/math.ts': `import { upper } from './text';
${body['src/core/math.ts']}export const shout = () => upper('x');
` };
    const visible = await build(importing, dir);
    expect(visible.checked).toEqual(['exports src/core/index.ts', 'piece src/app.ts', 'piece src/core/index.ts', 'piece src/core/math.ts', 'piece src/label.ts', 'piece src/plain.ts']);
    expect(visible.edges).toEqual(visible.fresh.edges);
    expect((await build(importing, dir)).checked).toEqual([]);

    // math.ts now exports `upper` too, first in the barrel: label.ts's `upper` moves, though
    // label.ts never names math.ts. Its piece is checked, fails its stamps and is built again.
    const shadowing = { ...body, 'src/core/math.ts': `${body['src/core/math.ts']}export function upper(s: string) { return s; }\n` };
    const moved = await build(shadowing, dir);
    expect(moved.edges).toEqual(moved.fresh.edges);
    expect(moved.edges).toContain('src/label.ts#label -> src/core/math.ts#upper (runtime)');
    expect(moved.exported).toEqual(moved.fresh.exported);
    expect(moved.exported.get('src/core/index.ts')).toContain('src/core/math.ts#upper');
    const settled = await build(shadowing, dir);
    expect(settled.checked).toEqual([]);
    expect(settled.edges).toEqual(moved.edges);
    expect(settled.exported).toEqual(moved.exported);

    // Back to the first state: its own ledger still says what holds there.
    const back = await build(tree, dir);
    expect(back.edges).toEqual(again.edges);
    expect(back.exported).toEqual(again.exported);
  });

  test('a ledger that still spares most checks stays: a small edit since is checked again, run after run, until a larger one', async () => {
    const users = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`src/user-${index}.ts`, `import { steady } from './core';\nexport const user${index} = () => steady();\n`]));
    const files: Record<string, string> = { 'src/core.ts': 'export function steady() { return 1; }\n', ...users };
    const dir = cacheDir();
    const build = async (tree: Record<string, string>) => {
      const { edges, fresh, checked } = await focusedBuild(tree, dir, ['src/core.ts']);
      expect(edges).toEqual(fresh.edges);
      return checked;
    };
    await build(files);
    expect(await build(files)).toEqual([]);
    // One file of 31 edited: checked, and checked again by the next run, the ledger left as it was.
    const leaf = { ...files, 'src/user-7.ts': files['src/user-7.ts']!.replace('steady()', 'steady() + 1') };
    expect(await build(leaf)).toEqual(['piece src/user-7.ts']);
    expect(await build(leaf)).toEqual(['piece src/user-7.ts']);
    // A body edit of the core module: no other piece can see it, only its own is checked, run
    // after run.
    const body = { ...leaf, 'src/core.ts': 'export function steady() { return 2; }\n' };
    expect(await build(body)).toEqual(['piece src/core.ts', 'piece src/user-7.ts']);
    expect(await build({ ...body, 'src/core.ts': 'export function steady() { return 3; }\n' })).toEqual(['piece src/core.ts', 'piece src/user-7.ts']);
    // A new export of the core module: it and its 30 users are checked, and the ledger is written again.
    const core = { ...leaf, 'src/core.ts': 'export function steady() { return 2; }\nexport const spare = 0;\n' };
    expect(await build(core)).toHaveLength(31);
    expect(await build(core)).toEqual([]);
    // A change no other file imports reads no ledger: checking its own piece costs less.
    const alone = await focusedBuild(core, dir, ['src/user-3.ts']);
    expect(alone.ledgersRead).toBe(0);
    expect(alone.checked).toEqual(['piece src/user-3.ts']);
  });

  test("a file's syntax error is reported from the ledger as from its facts", async () => {
    const files = {
      'src/core.ts': 'export function steady() { return 1; }\n',
      'src/user.ts': "import { steady } from './core';\nexport const user = () => steady(;\n",
      'src/fine.ts': "import { steady } from './core';\nexport const fine = () => steady();\n",
    };
    const dir = cacheDir();
    const runs = [];
    for (let run = 0; run < 3; run++) runs.push(await focusedBuild(files, dir, ['src/core.ts']));
    for (const { output, fresh } of runs) {
      expect(fresh.output.graph.unparsedFiles).toEqual(['src/user.ts']);
      expect(output.graph.unparsedFiles).toEqual(['src/user.ts']);
      expect([...output.parseErrors]).toEqual([...fresh.output.parseErrors]);
    }
    expect(runs[2]!.checked).toEqual([]);
  });

  test('a module only the facts name (the skim could not read it) counts as imported: its change checks the file again', async () => {
    const files = SKIM_MISSES_REQUIRE;
    const dir = cacheDir();
    const build = (tree: Record<string, string>) => focusedBuild(tree, dir, ['src/flag.ts', 'src/zone.ts']);
    await build(files);
    expect((await build(files)).checked).toEqual([]);
    const renamed = await build({ ...files, 'src/zone.ts': "export const tz = 'UTC';\n" });
    expect(renamed.checked).toContain('piece src/check.ts');
    expect(renamed.edges).toEqual(renamed.fresh.edges);
    expect(renamed.edges).not.toContain('src/check.ts#check -> src/zone.ts#zone (dynamic)');
  });
});
