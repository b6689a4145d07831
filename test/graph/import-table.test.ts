// The import table: where every code file's imports lead in a project state, kept so that a
// warm run decodes the skims of the files that changed only.
import { describe, expect, test } from 'vitest';
import { openGraphCache, type GraphCache } from '../../src/graph/index.js';
import { encodeImportTable, ImportRow, ImportTable } from '../../src/graph/import-table.js';
import type { FileSkim } from '../../src/graph/skim.js';
import type { Resolution } from '../../src/types.js';
import { buildBesideFresh, cacheDir, SKIM_MISSES_REQUIRE } from './graph-of.js';

const skim: FileSkim = {
  specifiers: [
    { specifier: './math', line: 1 },
    { specifier: './styles.css', line: 2 },
    { specifier: 'react', line: 3 },
    { specifier: './gone', line: 4 },
    { specifier: './text', line: 5 },
  ],
  reExports: ['./text'],
  stars: ['./text'],
  passesImports: false,
  unread: ['./zone'],
};
const resolutions: Resolution[] = [
  { kind: 'file', path: 'src/math.ts' },
  { kind: 'asset', path: 'src/styles.css' },
  { kind: 'external' },
  { kind: 'unresolved' },
  { kind: 'file', path: 'src/text.ts' },
  { kind: 'file', path: 'src/zone.ts' },
];

/** A row as plain data, to compare. */
function contents(row: ImportRow) {
  return {
    complete: row.complete,
    modules: Array.from({ length: row.size }, (_, index) => ({
      specifier: row.specifier(index),
      line: row.line(index),
      resolution: row.resolution(index),
      target: row.target(index),
      toFile: row.leadsToFile(index),
      unresolved: row.isUnresolved(index),
      mayPass: row.mayPass(index),
    })),
    stars: row.stars(),
  };
}

const expected = {
  complete: false,
  modules: [
    { specifier: './math', line: 1, resolution: resolutions[0], target: 'src/math.ts', toFile: true, unresolved: false, mayPass: false },
    { specifier: './styles.css', line: 2, resolution: resolutions[1], target: 'src/styles.css', toFile: false, unresolved: false, mayPass: false },
    { specifier: 'react', line: 3, resolution: resolutions[2], target: undefined, toFile: false, unresolved: false, mayPass: false },
    { specifier: './gone', line: 4, resolution: resolutions[3], target: undefined, toFile: false, unresolved: true, mayPass: false },
    { specifier: './text', line: 5, resolution: resolutions[4], target: 'src/text.ts', toFile: true, unresolved: false, mayPass: true },
    { specifier: './zone', line: -1, resolution: resolutions[5], target: 'src/zone.ts', toFile: true, unresolved: false, mayPass: false },
  ],
  stars: ['./text'],
};

describe('import rows and tables', () => {
  test('a row holds every module of the skim in order, then those only the facts named, with where each leads', () => {
    const row = ImportRow.of(skim, resolutions, false);
    expect(contents(row)).toEqual(expected);
    expect(row.resolve('./text')).toEqual({ kind: 'file', path: 'src/text.ts' });
    expect(row.resolve('./zone')).toEqual({ kind: 'file', path: 'src/zone.ts' });
    expect(row.resolve('./nothing')).toBeUndefined();
  });

  test('a file that may export what it imports passes names on from every module, those found later too', () => {
    const row = ImportRow.of({ ...skim, passesImports: true, unread: [] }, resolutions.slice(0, 5), true).withUnread([['./late', { kind: 'file', path: 'src/late.ts' }]]);
    expect(row.complete).toBe(true);
    expect(contents(row).modules.map(({ specifier, line, mayPass }) => [specifier, line, mayPass])).toEqual([
      ['./math', 1, true],
      ['./styles.css', 2, true],
      ['react', 3, true],
      ['./gone', 4, true],
      ['./text', 5, true],
      ['./late', -1, true],
    ]);
  });

  test('a long row finds a specifier by name, the first module of that name', () => {
    const many: FileSkim = { specifiers: Array.from({ length: 12 }, (_, index) => ({ specifier: `./m${index % 10}`, line: index + 1 })), reExports: [], stars: [], passesImports: false };
    const row = ImportRow.of(many, Array.from({ length: 12 }, (_, index) => ({ kind: 'file' as const, path: `src/m${index}.ts` })), false);
    expect(row.resolve('./m1')).toEqual({ kind: 'file', path: 'src/m1.ts' });
    expect(row.resolve('./m9')).toEqual({ kind: 'file', path: 'src/m9.ts' });
    expect(row.resolve('./m10')).toBeUndefined();
  });

  test('read back, each file has its blob and row, a file without an entry neither; completeness is as written', () => {
    const row = ImportRow.of(skim, resolutions, false);
    const other = ImportRow.of({ specifiers: [{ specifier: './math', line: 9 }], reExports: [], stars: [], passesImports: false }, [resolutions[0]!], true);
    const table = ImportTable.open(encodeImportTable([{ blob: 'b1', row, complete: false }, undefined, { blob: 'b3', row: other, complete: true }, { blob: 'b1', row, complete: true }]), 4)!;
    expect(table).toBeDefined();
    expect([0, 1, 2, 3].map((index) => table.blob(index))).toEqual(['b1', undefined, 'b3', 'b1']);
    expect(table.row(1)).toBeUndefined();
    expect(contents(table.row(0)!)).toEqual(expected);
    expect(contents(table.row(2)!)).toEqual(contents(other));
    expect(contents(table.row(3)!)).toEqual({ ...expected, complete: true });
  });

  test('a table of another shape, another file count, cut short or pointing out of range holds nothing', () => {
    const row = ImportRow.of(skim, resolutions, false);
    const encoded = encodeImportTable([{ blob: 'b1', row, complete: false }]);
    expect(ImportTable.open(encoded, 1)).toBeDefined();
    expect(ImportTable.open(undefined, 1)).toBeUndefined();
    expect(ImportTable.open({ rows: [] }, 1)).toBeUndefined();
    expect(ImportTable.open(encoded, 2)).toBeUndefined();
    expect(ImportTable.open({ ...encoded, data: encoded.data.slice(0, -1) }, 1)).toBeUndefined();
    expect(ImportTable.open({ ...encoded, data: Int32Array.from([...encoded.data, 0]) }, 1)).toBeUndefined();
    expect(ImportTable.open({ ...encoded, lengths: encoded.lengths.map((length) => length + 1) }, 1)).toBeUndefined();
    // The first module's kind (file, with a target) made external, then unknown; its target out of range.
    const firstModule = 2 + 3;
    const altered = (offset: number, value: number) => {
      const data = encoded.data.slice();
      data[firstModule + offset] = value;
      return { ...encoded, data };
    };
    expect(ImportTable.open(altered(2, 2), 1)).toBeUndefined();
    expect(ImportTable.open(altered(2, 7), 1)).toBeUndefined();
    expect(ImportTable.open(altered(3, 1_000_000), 1)).toBeUndefined();
    expect(ImportTable.open(altered(0, -5), 1)).toBeUndefined();
  });
});

/** A cache that lists the skims a build decodes. */
function countingSkims(cache: GraphCache): { cache: GraphCache; decoded: string[] } {
  const decoded: string[] = [];
  return { cache: { ...cache, skim: (path, blob) => (decoded.push(path), cache.skim(path, blob)) }, decoded };
}

/** A focused build through the cache in `dir`, flushed: its edges, the skims it decoded, and the same build without a cache. */
async function focusedBuild(files: Record<string, string>, dir: string, focus: string[]) {
  const { cache, decoded } = countingSkims(await openGraphCache(dir, '1.0.0'));
  return { ...(await buildBesideFresh(files, cache, focus)), decoded: decoded.sort() };
}

describe('warm runs read the import table', () => {
  const users = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`src/user-${index}.ts`, `import { steady } from './core';\nexport const user${index} = () => steady();\n`]));
  const tree: Record<string, string> = {
    'src/core.ts': "import { format } from './format';\nexport function steady() { return format(1); }\n",
    'src/format.ts': 'export const format = (n: number) => `${n}`;\n',
    'src/broken.ts': "import { nothing } from './missing';\nexport const broken = () => nothing;\n",
    ...users,
  };
  const focus = ['src/format.ts'];

  test('the same state decodes no skim; an edit decodes the edited file only, until enough files changed to write the table again', async () => {
    const dir = cacheDir();
    const build = async (files: Record<string, string>) => {
      const run = await focusedBuild(files, dir, focus);
      expect(run.edges).toEqual(run.fresh.edges);
      expect(run.output.graph.unresolvedImports).toEqual(run.fresh.output.graph.unresolvedImports);
      expect([...run.output.resolved]).toEqual([...run.fresh.output.resolved]);
      return run;
    };
    const cold = await build(tree);
    expect(cold.output.graph.unresolvedImports).toEqual([{ file: 'src/broken.ts', specifier: './missing', line: 1 }]);
    expect((await build(tree)).decoded).toEqual([]);

    // One file of 23 edited: the first run reads it (the cache holds no skim of its blob, and is
    // not asked for one). The next ones decode its skim at the blob the ledger knows, to tell
    // whether the edit shows through, and its own skim, read by the first run; the table is left as it was.
    const edited = { ...tree, 'src/user-3.ts': tree['src/user-3.ts']!.replace('steady()', 'steady() + 1') };
    expect((await build(edited)).decoded).toEqual([]);
    expect((await build(edited)).decoded).toEqual(['src/user-3.ts', 'src/user-3.ts']);
    // An import added: resolved once and written, so the next run decodes no skim for the table,
    // only user-3.ts's two, for the ledger.
    const importing = { ...edited, 'src/user-5.ts': `import { format } from './format';\n${tree['src/user-5.ts']}` };
    const added = await build(importing);
    expect(added.decoded).toEqual(['src/user-3.ts', 'src/user-3.ts']);
    expect(added.edges).toContain('src/user-5.ts#user5 -> src/core.ts#steady (runtime)');
    expect((await build(importing)).decoded).toEqual(['src/user-3.ts', 'src/user-3.ts']);
    // Three files edited (more than one in eight): the table is written again.
    const many = { ...importing, ...Object.fromEntries([7, 8, 9].map((index) => [`src/user-${index}.ts`, `${tree[`src/user-${index}.ts`]}// edited\n`])) };
    // They are read (the cache holds no skim of their blobs), user-3.ts's two skims decoded as
    // before; the ledger is written again too: the next run decodes nothing.
    expect((await build(many)).decoded).toEqual(['src/user-3.ts', 'src/user-3.ts']);
    expect((await build(many)).decoded).toEqual([]);
  });

  // check.ts names zone.ts only in its facts (see SKIM_MISSES_REQUIRE); nothing imports other.ts.
  const missed = { ...SKIM_MISSES_REQUIRE, 'src/other.ts': 'export const other = 1;\n' };

  test('a row made before its file was parsed is kept complete once the parse found a module the skim missed', async () => {
    const files = missed;
    const dir = cacheDir();
    // Nothing imports other.ts: check.ts is skimmed only, and its row made from the skim.
    await focusedBuild(files, dir, ['src/other.ts']);
    // flag.ts, check.ts that imports it, and zone.ts that check.ts's facts name.
    const parsed = await focusedBuild(files, dir, ['src/flag.ts']);
    expect(parsed.output.parsedFiles).toBe(3);
    const zone = await focusedBuild(files, dir, ['src/zone.ts']);
    expect(zone.decoded).toEqual([]);
    expect(zone.edges).toContain('src/check.ts#check -> src/zone.ts#zone (dynamic)');
  });

  test('a row made before its file was parsed is made again once another state parsed it', async () => {
    const files = missed;
    const dir = cacheDir();
    await focusedBuild(files, dir, ['src/other.ts']);
    // Another state (a file added) parses check.ts; this state's table still holds the row made from its skim.
    await focusedBuild({ ...files, 'src/extra.ts': 'export const extra = 2;\n' }, dir, ['src/flag.ts']);
    const zone = await focusedBuild(files, dir, ['src/zone.ts']);
    // The rows of the three files the other state parsed are made again.
    expect(zone.decoded).toEqual(['src/check.ts', 'src/flag.ts', 'src/zone.ts']);
    expect(zone.edges).toContain('src/check.ts#check -> src/zone.ts#zone (dynamic)');
  });

  test('a file added is a new state: its resolutions come from the latest state of the same configs', async () => {
    const dir = cacheDir();
    await focusedBuild(tree, dir, focus);
    const grown = { ...tree, 'src/missing.ts': 'export const nothing = 0;\n' };
    const run = await focusedBuild(grown, dir, focus);
    expect(run.edges).toEqual(run.fresh.edges);
    expect(run.output.graph.unresolvedImports).toEqual([]);
    expect(run.output.resolved.get('src/core.ts')).toEqual(new Map([['./format', { kind: 'file', path: 'src/format.ts' }]]));
  });
});
