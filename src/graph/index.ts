import { createHash } from 'node:crypto';
import type { FileFacts, GraphFiles, Resolution, SymbolFingerprint, SymbolGraph, TreeFile } from '../types.js';
import { assembleGraph, createPieceBuilder, exportsKey, type FilePiece, type PieceBuilder } from './build-graph.js';
import type { Derived, GraphCache, StoredDerived, StoredFacts } from './graph-cache.js';
import { carryResolutions } from './carry-resolutions.js';
import { summarize } from './file-summary.js';
import { extractAllFacts, type ParsedFile, type ParseOptions } from './parse-files.js';
import { isUnanalysableCode, scriptKindOf } from './script-kind.js';

export { clearGraphCache, disabledCache, memoryCache, openGraphCache, type GraphCache } from './graph-cache.js';
export { MODULE_SYMBOL, symbolId } from './names.js';
export { isUnanalysableCode, scriptKindOf } from './script-kind.js';

export type TextReader = (paths: readonly string[]) => Promise<ReadonlyMap<string, string>>;

export interface GraphInput {
  /** Absolute repository root. */
  root: string;
  /** Every file of the side, with its blob id (the cache key of its facts). */
  files: readonly TreeFile[];
  /** Texts of files of that side; asked only for what the cache does not hold. */
  readTexts: TextReader;
  cache: GraphCache;
  /**
   * Files the question is about (the changed ones): only files that can reach them through
   * imports get symbols and edges, so a warm run's work grows with the change, not the
   * repository. Absent: the whole graph.
   */
  focus?: readonly string[];
  /** Imports that put their file in focus too (the users of a changed dependency). */
  focusImports?: (file: string, specifier: string) => boolean;
}

export interface GraphOutput {
  graph: SymbolGraph;
  /** Every code file of the side (the graph may hold fewer: see `focus`). */
  codeFiles: string[];
  /** Code blast cannot parse (`.vue`, `.svelte`, `.astro`): listed, never silently dropped. */
  unanalysedFiles: string[];
  /** The first syntax error of each file that does not parse. */
  parseErrors: Map<string, { line: number; col: number; message: string }>;
  warnings: string[];
  /** How many files were parsed (the rest came from the cache). */
  parsedFiles: number;
  /** How many files' graph pieces were built (the rest came from the cache). */
  builtPieces: number;
  /** Where each import specifier of each file in the graph leads: file -> specifier -> resolution. */
  resolved: Map<string, Map<string, Resolution>>;
  /**
   * The symbols each of `files` exports, as ids of their declarations: re-export chains, barrels
   * and `export * as ns` followed (a namespace re-export exports all of its module). Files that
   * are not code of the side export nothing here. Cached like graph pieces.
   */
  exportedSymbols(files: readonly string[]): Map<string, string[]>;
}

/** Paths whose text resolution reads: tsconfigs and package manifests. */
function isProjectFile(path: string): boolean {
  return !path.includes('node_modules/') && (/((^|\/)([tj]sconfig[^/]*|package)|(tsconfig|typescript-config)[^/]*\/.*)\.json$/.test(path) || path === 'pnpm-workspace.yaml');
}

/** Files the graph reads: code, tsconfigs and manifests (verify reads the same). */
export function isGraphInput(path: string): boolean {
  return isCodeFile(path) || isProjectFile(path);
}

function isCodeFile(path: string): boolean {
  return !path.includes('node_modules/') && scriptKindOf(path) !== undefined;
}

/**
 * The symbol graph of one side of the comparison.
 * Input: the side's files with blob ids, a reader for their text, the cache, and optionally
 * the files in focus. Output: the graph (plain data), the files it could not analyse, syntax
 * errors, warnings (no tsconfig, a base config not installed). Errors: ProjectError for a
 * tsconfig that cannot be parsed. Files with syntax errors are analysed as far as they parse.
 * Only files whose blob the cache does not know are read and parsed; only specifiers it has
 * not resolved in this project state are resolved.
 */
export async function buildGraph(input: GraphInput): Promise<GraphOutput> {
  const codeFiles = input.files.filter((file) => isCodeFile(file.path));
  const unanalysedFiles = input.files.filter((file) => !file.path.includes('node_modules/') && isUnanalysableCode(file.path)).map((file) => file.path);
  const { entries, parsed } = await factsOf(codeFiles, input);

  const { resolve, warnings, snapshot } = await resolutionsOf(input, entries);

  const blobs = new Map(codeFiles.map((file) => [file.path, file.blob]));
  const importers = input.focus === undefined ? undefined : importersIndex(entries, resolve);
  const importersOf = (files: readonly string[]) => filesReaching(files, entries, importers!);
  const seeds = input.focus === undefined ? undefined : seedsOf(input.focus, entries, importers!, input.focusImports);
  const builder = once(() => createPieceBuilder({ has: (path) => entries.has(path), get: (path) => entries.get(path)?.load() }, { resolve }));
  const context: PieceContext = { entries, blobs, resolve, cache: input.cache, stamps: stamper(entries, blobs, resolve, snapshot), builder };
  const { pieces, built } = piecesOf(seeds, importersOf, context);
  // A focused graph serves a walk, which asks for few members' dependents: those are drawn when asked.
  const graph = assembleGraph(pieces, lazyFacts([...pieces.keys()], entries), { lazyMembers: input.focus !== undefined });

  // Whole-repository figures come from the summaries, whatever the focus.
  const parseErrors = new Map<string, { line: number; col: number; message: string }>();
  for (const [path, entry] of entries) {
    const first = entry.summary.parseErrors[0];
    if (first) parseErrors.set(path, first);
    for (const { specifier, line } of entry.summary.specifiers) {
      if (resolve(path, specifier).kind === 'unresolved') graph.unresolvedImports.push({ file: path, specifier, line });
    }
  }
  graph.unparsedFiles = [...parseErrors.keys()].sort(compareText);
  graph.unresolvedImports.sort((a, b) => compareText(a.file, b.file) || a.line - b.line);
  const resolved = new Map([...pieces.keys()].map((path) => [path, new Map(entries.get(path)!.summary.specifiers.map(({ specifier }) => [specifier, resolve(path, specifier)]))]));
  const exportedSymbols = (files: readonly string[]) => exportsOf(files, context);
  return { graph, codeFiles: [...entries.keys()].sort(compareText), unanalysedFiles, parseErrors, warnings, parsedFiles: parsed, builtPieces: built, resolved, exportedSymbols };
}

/**
 * The files whose symbols a change can reach first: the changed code files, the importers of
 * changed non-code files (an imported JSON file), and the files with an import `focusImports`
 * takes (the users of a changed dependency).
 */
function seedsOf(
  focus: readonly string[],
  entries: ReadonlyMap<string, StoredFacts>,
  importers: ReadonlyMap<string, readonly string[]>,
  focusImports: ((file: string, specifier: string) => boolean) | undefined,
): string[] {
  const seeds = new Set(focus.flatMap((path) => (entries.has(path) ? [path] : (importers.get(path) ?? []))));
  if (focusImports) {
    for (const [path, entry] of entries) if (entry.summary.specifiers.some(({ specifier }) => focusImports(path, specifier))) seeds.add(path);
  }
  return [...seeds];
}

/** Each file's importers, by what its specifiers resolve to. */
function importersIndex(entries: ReadonlyMap<string, StoredFacts>, resolve: (from: string, specifier: string) => Resolution): Map<string, string[]> {
  const importers = new Map<string, string[]>();
  for (const [path, entry] of entries) {
    for (const { specifier } of entry.summary.specifiers) {
      const target = resolve(path, specifier);
      if (target.kind !== 'file' && target.kind !== 'asset') continue;
      const list = importers.get(target.path) ?? [];
      list.push(path);
      importers.set(target.path, list);
    }
  }
  return importers;
}

/** The focus files and every file that imports one of them, directly or through others. */
function filesReaching(focus: readonly string[], entries: ReadonlyMap<string, StoredFacts>, importers: ReadonlyMap<string, readonly string[]>): Set<string> {
  const reached = new Set(focus.filter((path) => entries.has(path)));
  const queue = [...reached];
  for (let index = 0; index < queue.length; index++) {
    for (const importer of importers.get(queue[index]!) ?? []) {
      if (reached.has(importer)) continue;
      reached.add(importer);
      queue.push(importer);
    }
  }
  return reached;
}

interface PieceContext {
  entries: ReadonlyMap<string, StoredFacts>;
  blobs: ReadonlyMap<string, string>;
  resolve: (from: string, specifier: string) => Resolution;
  cache: GraphCache;
  stamps: Stamps;
  /** One builder for the run (made when first needed): pieces and exports share its lookups. */
  builder: () => PieceBuilder;
}

/**
 * The graph pieces that matter for `seeds` (every file's when there are none): each from the
 * cache while every file it was resolved through keeps its stamp (a body edit elsewhere changes
 * no stamp), else built anew from facts decoded on demand. `importersOf` gives the files that
 * import some of the given ones, directly or not: only those can hold an edge into them.
 */
function piecesOf(
  seeds: readonly string[] | undefined,
  importersOf: (files: readonly string[]) => Iterable<string>,
  context: PieceContext,
): { pieces: Map<string, FilePiece>; built: number } {
  const consultedBy = new Map<string, readonly string[]>();
  const loaders = new Map<string, () => FilePiece>();
  let built = 0;
  const ensure = (paths: Iterable<string>) => {
    for (const path of paths) {
      if (loaders.has(path) || !context.entries.has(path)) continue;
      const blob = context.blobs.get(path)!;
      const stored = validVariant(context, 'piece', path, blob);
      if (stored) {
        consultedBy.set(path, stored.consulted().map(([file]) => file));
        loaders.set(path, once(stored.load));
        continue;
      }
      const { piece, consulted } = context.builder().piece(path)!;
      storeVariant(context, 'piece', path, piece, consulted);
      consultedBy.set(path, consulted);
      loaders.set(path, () => piece);
      built++;
    }
  };
  let wanted: string[];
  if (seeds === undefined) {
    wanted = [...context.entries.keys()].sort(compareText);
    ensure(wanted);
  } else {
    ensure(importersOf(seeds));
    for (;;) {
      const { reached, bases } = piecesReaching(seeds, consultedBy, loaders);
      // A base class outside what was loaded: its importers may call the change through it.
      if (bases.length === 0) {
        wanted = [...reached].sort(compareText);
        break;
      }
      ensure(importersOf(bases));
    }
  }
  // In path order: the order of pieces is the order of dependents, hence of why-paths.
  return { pieces: new Map(wanted.map((path) => [path, loaders.get(path)!()])), built };
}

/**
 * The files whose pieces can hold an edge into a seed, directly or through others: an edge into
 * a file's symbol exists only if the piece consulted that file. A class extending or
 * implementing another lends the calls through the base to its own members (overrides,
 * implementations): the base's file counts as reached too, and `bases` lists those whose
 * pieces are not loaded yet. Much narrower than the files that merely import a seed.
 */
function piecesReaching(
  seeds: readonly string[],
  consultedBy: ReadonlyMap<string, readonly string[]>,
  loaders: ReadonlyMap<string, () => FilePiece>,
): { reached: Set<string>; bases: string[] } {
  const consulters = new Map<string, string[]>();
  for (const [path, consulted] of consultedBy) {
    for (const file of consulted) {
      if (file === path) continue;
      const list = consulters.get(file) ?? [];
      list.push(path);
      consulters.set(file, list);
    }
  }
  const reached = new Set(seeds.filter((path) => loaders.has(path)));
  const bases = new Set<string>();
  for (const path of reached) {
    for (const consulter of consulters.get(path) ?? []) reached.add(consulter);
    for (const base of heritageFiles(loaders.get(path)!())) {
      if (loaders.has(base)) reached.add(base);
      else bases.add(base);
    }
  }
  return { reached, bases: [...bases] };
}

/** Files of the classes and interfaces a piece's classes extend or implement. */
function heritageFiles(piece: FilePiece): string[] {
  const classes = new Set(piece.symbols.filter((symbol) => symbol.declarationKind === 'class').map((symbol) => symbol.id));
  return piece.edges.filter((edge) => classes.has(edge.from) && !edge.structural).map((edge) => edge.to.slice(0, edge.to.lastIndexOf('#')));
}

/**
 * What validates a derived value against the current state of the project, two ways:
 * - `stampOf(key)`: the stamp of what other files' pieces read of a file: its surface and where
 *   its specifiers lead; for an `exportsKey`, only the export names of the file and of
 *   everything its `export *` chains reach (their order included: the first module with a name
 *   wins). A body edit changes no stamp.
 * - `signatureOf(keys)`: the project state (which files exist, the configs) and the blob of
 *   every file behind the keys (an `exportsKey`'s whole star closure). The same signature means
 *   the same stamps without computing one, which costs a lookup per specifier: this is the
 *   check a warm run passes for nearly every variant.
 */
interface Stamps {
  stampOf(key: string): string;
  signatureOf(keys: readonly string[]): string;
}

function stamper(
  entries: ReadonlyMap<string, StoredFacts>,
  blobs: ReadonlyMap<string, string>,
  resolve: (from: string, specifier: string) => Resolution,
  snapshot: string,
): Stamps {
  const stamps = new Map<string, string>();
  const targetsMemo = new Map<string, string[]>();
  const closures = new Map<string, string[]>();
  const starTargets = (path: string): string[] => {
    let targets = targetsMemo.get(path);
    if (!targets) {
      targets = (entries.get(path)?.summary.stars ?? []).flatMap((specifier) => {
        const resolution = resolve(path, specifier);
        return resolution.kind === 'file' && entries.has(resolution.path) ? [resolution.path] : [];
      });
      targetsMemo.set(path, targets);
    }
    return targets;
  };
  // The whole star closure, sorted, so that cycles give every member the same answer.
  const starClosure = (path: string): string[] => {
    let sorted = closures.get(path);
    if (!sorted) {
      const closure = new Set([path]);
      for (const file of closure) for (const target of starTargets(file)) closure.add(target);
      sorted = [...closure].sort(compareText);
      closures.set(path, sorted);
    }
    return sorted;
  };
  const surfaceStamp = (path: string): string => {
    const entry = entries.get(path);
    if (!entry) return 'absent';
    const hash = createHash('sha1').update(entry.summary.surface);
    for (const { specifier } of entry.summary.specifiers) {
      const resolution = resolve(path, specifier);
      hash.update(`\u0000${specifier}\u0000${resolution.kind}\u0000${'path' in resolution ? resolution.path : ''}`);
    }
    return hash.digest('base64');
  };
  const exportsStamp = (path: string): string => {
    const hash = createHash('sha1');
    for (const file of starClosure(path)) hash.update(`${file}\u0000${entries.get(file)?.summary.ownExports ?? 'absent'}\u0000${starTargets(file).join('\u0000')}\n`);
    return hash.digest('base64');
  };
  const exportsPrefix = exportsKey('');
  return {
    stampOf(key) {
      const known = stamps.get(key);
      if (known !== undefined) return known;
      const stamp = key.startsWith(exportsPrefix) ? exportsStamp(key.slice(exportsPrefix.length)) : surfaceStamp(key);
      stamps.set(key, stamp);
      return stamp;
    },
    signatureOf(keys) {
      const parts = [snapshot];
      for (const key of keys) {
        const files = key.startsWith(exportsPrefix) ? starClosure(key.slice(exportsPrefix.length)) : [key];
        parts.push(key.startsWith(exportsPrefix) ? '*' : '');
        // What the stamps read: a file without facts (its text could not be read) is absent.
        for (const file of files) parts.push(`${file}\u0000${entries.has(file) ? blobs.get(file) : 'absent'}`);
      }
      return createHash('sha1').update(parts.join('\n')).digest('base64');
    },
  };
}

/** The facts of the graph's files, decoded when first asked for. */
function lazyFacts(paths: readonly string[], entries: ReadonlyMap<string, StoredFacts>): GraphFiles {
  const held = new Set(paths);
  return {
    has: (path) => held.has(path),
    get: (path) => (held.has(path) ? entries.get(path)?.load() : undefined),
    keys: () => held.keys(),
  };
}

async function factsOf(codeFiles: readonly TreeFile[], input: GraphInput): Promise<{ entries: Map<string, StoredFacts>; parsed: number }> {
  const entries = new Map<string, StoredFacts>();
  const toParse: TreeFile[] = [];
  for (const file of codeFiles) {
    const known = input.cache.facts(file.path, file.blob);
    if (known) entries.set(file.path, known);
    else toParse.push(file);
  }
  for (const { facts } of await parseAndStore(toParse, input.readTexts, input.cache)) entries.set(facts.path, { summary: summarize(facts), load: () => facts });
  return { entries, parsed: toParse.length };
}

/**
 * Parses the code files among `files` whose blobs the cache does not know, and stores their
 * facts, in a worker: a command starts it before it needs the graph, so that the compiler loads
 * on another core while git answers its other questions. `buildGraph` then finds them cached.
 */
export async function parseUncached(files: readonly TreeFile[], readTexts: TextReader, cache: GraphCache, signal?: AbortSignal): Promise<void> {
  const toParse = files.filter((file) => isCodeFile(file.path) && cache.facts(file.path, file.blob) === undefined);
  await parseAndStore(toParse, readTexts, cache, { beside: true, ...(signal ? { signal } : {}) });
}

async function parseAndStore(files: readonly TreeFile[], readTexts: TextReader, cache: GraphCache, options: ParseOptions = {}): Promise<ParsedFile[]> {
  if (files.length === 0) return [];
  const texts = await readTexts(files.map((file) => file.path));
  const jobs = files.flatMap((file) => {
    const text = texts.get(file.path);
    const kind = scriptKindOf(file.path);
    return text === undefined || kind === undefined ? [] : [{ path: file.path, text, kind }];
  });
  const blobs = new Map(files.map((file) => [file.path, file.blob]));
  const parsed = await extractAllFacts(jobs, options);
  for (const { facts, fingerprints } of parsed) {
    cache.storeFacts(facts.path, blobs.get(facts.path)!, facts);
    if (fingerprints) cache.storeFingerprints(facts.path, blobs.get(facts.path)!, fingerprints);
  }
  return parsed;
}

/** A value computed on the first call and kept: building it may never be needed. */
function once<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function resolutionKey(from: string, specifier: string): string {
  return `${from}\u0000${specifier}`;
}

/**
 * Where every specifier of every file leads, in this state of the project: from the cache's
 * snapshot of this state; else carried over from the latest state with the same configs (see
 * `carryResolutions`); what is still missing is resolved with TypeScript (loaded only then).
 */
async function resolutionsOf(
  input: GraphInput,
  entries: ReadonlyMap<string, StoredFacts>,
): Promise<{ resolve: (from: string, specifier: string) => Resolution; warnings: string[]; snapshot: string }> {
  const configKey = projectConfigKey(input.files);
  const snapshotKey = projectSnapshotKey(configKey, input.files);
  const latestKey = `latest\u0000${configKey}`;
  const cached = input.cache.snapshot(snapshotKey);
  const latest = cached ? undefined : input.cache.snapshot(latestKey);
  const paths = input.files.map((file) => file.path);
  const resolutions = cached?.resolutions ?? (latest?.paths ? carryResolutions(latest.resolutions, latest.paths, new Set(paths)) : new Map<string, Resolution>());
  let warnings = cached?.warnings ?? latest?.warnings ?? [];
  const missing: Array<[string, string]> = [];
  for (const [path, entry] of entries) {
    for (const { specifier } of entry.summary.specifiers) if (!resolutions.has(resolutionKey(path, specifier))) missing.push([path, specifier]);
  }
  if (missing.length > 0 || (cached === undefined && latest === undefined)) {
    const resolved = await resolveSpecifiers(input, missing);
    for (const [key, resolution] of resolved.resolutions) resolutions.set(key, resolution);
    warnings = resolved.warnings;
  }
  if (missing.length > 0 || cached === undefined) {
    // Keep only what this state of the project uses, so the snapshot does not grow with history.
    const used = new Map<string, Resolution>();
    for (const [path, entry] of entries) {
      for (const { specifier } of entry.summary.specifiers) used.set(resolutionKey(path, specifier), resolutions.get(resolutionKey(path, specifier))!);
    }
    input.cache.storeSnapshot(snapshotKey, { resolutions: used, warnings });
    input.cache.storeSnapshot(latestKey, { resolutions: used, warnings, paths });
  }
  return { resolve: (from, specifier) => resolutions.get(resolutionKey(from, specifier)) ?? { kind: 'unresolved' }, warnings, snapshot: snapshotKey };
}

/** The configs resolution reads (tsconfigs, manifests), by path and blob. */
function projectConfigKey(files: readonly TreeFile[]): string {
  const hash = createHash('sha1');
  for (const file of files) if (isProjectFile(file.path)) hash.update(`${file.path}\u0000${file.blob}\n`);
  return hash.digest('hex');
}

/**
 * A state of the project as resolution sees it: which files exist and what the tsconfigs and
 * manifests say. Any file added, removed or renamed, or any config edited, is a new state.
 */
function projectSnapshotKey(configKey: string, files: readonly TreeFile[]): string {
  const hash = createHash('sha1').update(configKey);
  for (const file of files) hash.update(`${file.path}\n`);
  return hash.digest('hex');
}

/** Resolves with TypeScript (loaded here, not before): the configs are read only now. */
async function resolveSpecifiers(input: GraphInput, pairs: ReadonlyArray<[string, string]>): Promise<{ resolutions: Map<string, Resolution>; warnings: string[] }> {
  const [{ loadProjectLayout, workspacePackages }, { createModuleResolver }] = await Promise.all([import('../project/index.js'), import('./resolve-module.js')]);
  const paths = input.files.map((file) => file.path);
  const projectTexts = await input.readTexts(paths.filter(isProjectFile));
  const readText = (path: string) => projectTexts.get(path);
  const layout = loadProjectLayout({ root: input.root, paths, readText });
  const resolver = createModuleResolver(input.root, new Set(paths), layout, readText, workspacePackages(paths, readText));
  const resolutions = new Map<string, Resolution>();
  for (const [from, specifier] of pairs) resolutions.set(resolutionKey(from, specifier), resolver.resolve(from, specifier));
  return { resolutions, warnings: layout.warnings };
}

/**
 * The newest variant the cache holds of a derived value whose consulted files all keep their
 * stamps. A variant whose signature still holds (same project state, same blobs) is valid
 * without computing a stamp.
 */
function validVariant<K extends keyof Derived>(context: PieceContext, kind: K, path: string, blob: string): StoredDerived<Derived[K]> | undefined {
  const { stamps } = context;
  const variants = context.cache.derived(kind, path, blob);
  // Computed as needed: the newest variant is nearly always the one.
  const signatures = new Map<StoredDerived<Derived[K]>, string>();
  const signatureOf = (variant: StoredDerived<Derived[K]>): string => {
    let signature = signatures.get(variant);
    if (signature === undefined) {
      signature = stamps.signatureOf(variant.consulted().map(([key]) => key));
      signatures.set(variant, signature);
    }
    return signature;
  };
  const same = variants.find((variant) => variant.signature === signatureOf(variant));
  if (same) return same;
  const valid = variants.find((variant) => variant.consulted().every(([key, stamp]) => stamps.stampOf(key) === stamp));
  // Valid in this state too (a file added elsewhere): the next run here needs no stamps.
  valid?.renew(signatureOf(valid));
  return valid;
}

function storeVariant<K extends keyof Derived>(context: PieceContext, kind: K, path: string, value: Derived[K], consulted: readonly string[]): void {
  const { stamps } = context;
  context.cache.storeDerived(kind, path, context.blobs.get(path)!, value, {
    consulted: consulted.map((key) => [key, stamps.stampOf(key)]),
    signature: stamps.signatureOf(consulted),
  });
}

/** What `GraphOutput.exportedSymbols` answers: from the cache while the files it read keep their stamps. */
function exportsOf(files: readonly string[], context: PieceContext): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const file of files) {
    if (!context.entries.has(file) || result.has(file)) continue;
    const blob = context.blobs.get(file)!;
    const stored = validVariant(context, 'exports', file, blob);
    if (stored) {
      result.set(file, stored.load());
      continue;
    }
    const { ids, consulted } = context.builder().exportedSymbols(file);
    storeVariant(context, 'exports', file, ids, consulted);
    result.set(file, ids);
  }
  return result;
}

export interface SideFile {
  path: string;
  blob: string;
}

export interface FileSide {
  facts: FileFacts;
  fingerprints: ReadonlyMap<string, SymbolFingerprint>;
}

/**
 * Facts and fingerprints of a few files of one side (the changed files), from the cache when it
 * knows their blobs; `known` supplies facts already extracted for the graph.
 */
export async function describeFiles(
  files: readonly SideFile[],
  readTexts: TextReader,
  cache: GraphCache,
  known?: GraphFiles,
): Promise<Map<string, FileSide>> {
  const sides = new Map<string, FileSide>();
  const missing = files.filter((file) => {
    const facts = known?.get(file.path) ?? cache.facts(file.path, file.blob)?.load();
    const fingerprints = cache.fingerprints(file.path, file.blob);
    if (facts && fingerprints) sides.set(file.path, { facts, fingerprints });
    return !(facts && fingerprints);
  });
  if (missing.length === 0) return sides;
  const { describeSource } = await import('./fingerprint.js');
  const texts = await readTexts(missing.map((file) => file.path));
  for (const file of missing) {
    const text = texts.get(file.path);
    const kind = scriptKindOf(file.path);
    if (text === undefined || kind === undefined) continue;
    // One parse gives both; facts the graph already holds are the same, and kept.
    const described = describeSource(file.path, text, kind);
    const facts = known?.get(file.path) ?? described.facts;
    const fingerprints = described.fingerprints;
    cache.storeFacts(file.path, file.blob, facts);
    cache.storeFingerprints(file.path, file.blob, fingerprints);
    sides.set(file.path, { facts, fingerprints });
  }
  return sides;
}

export type { VerifyInput } from './verify/index.js';

/**
 * `blast verify`'s measure of the graph against TypeScript's language service (loaded only
 * here: the check itself never builds a program or a type checker).
 */
export async function verifyGraph(input: import('./verify/index.js').VerifyInput): Promise<import('../types.js').VerifyReport> {
  return (await import('./verify/index.js')).verifyGraph(input);
}
