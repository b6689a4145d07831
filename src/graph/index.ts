import { createHash, hash } from 'node:crypto';
import type { FileFacts, GraphFiles, Resolution, SymbolFingerprint, SymbolGraph, TreeFile } from '../types.js';
import { assembleGraph, type PieceSource } from './assemble-graph.js';
import { createPieceBuilder, exportsKey, type FilePiece, type PieceBuilder } from './build-graph.js';
import { heldFacts, type Derived, type GraphCache, type ProjectSnapshot, type StoredDerived, type StoredFacts } from './graph-cache.js';
import { carryResolutions } from './carry-resolutions.js';
import { unreadBy, type FileSummary } from './file-summary.js';
import { isPieceOutline, outlineOf, type PieceOutline } from './piece-outline.js';
import { carriedVerdicts, encodeLedger, type PieceVerdict } from './piece-ledger.js';
import { encodeImportTable, ImportRow, ImportTable, UNRESOLVED } from './import-table.js';
import { outOfDate } from './packed.js';
import { prefetchOrder } from './prefetch-order.js';
import { parseFiles, parseThreadsUp, prefetchFacts, WORKER_THRESHOLD, type ParseDepth, type ParsedFile, type ParseOptions } from './parse-files.js';
import { ReadProgress } from './read-progress.js';
import type { FileSkim } from './skim.js';
import { isUnanalysableCode, scriptKindOf } from './script-kind.js';

export { ReadProgress } from './read-progress.js';
export { startParseThread, stopParseThreads } from './parse-files.js';
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
   * imports get symbols and edges, and only the files those read are parsed (every other file
   * is skimmed for its imports), so a run's work grows with the change, not the repository.
   * Absent: the whole graph.
   */
  focus?: readonly string[];
  /** Imports that put their file in focus too (the users of a changed dependency). */
  focusImports?: (file: string, specifier: string) => boolean;
  /** Work that fills the cache for this side (see `parseUncached`): the files the cache lacked are looked up again once it is done. */
  ready?: Promise<unknown>;
  /** Settles once that work no longer needs this thread (its workers started): the resolver is made after. */
  busy?: Promise<unknown>;
  /**
   * What that work has stored so far: a cold graph resolves those files' imports while it goes
   * on, until the work ends it or `ready` settles (a read that never started ends nothing).
   */
  progress?: ReadProgress;
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
  exportedSymbols(files: readonly string[]): Promise<Map<string, string[]>>;
}

/** Paths whose text resolution reads: tsconfigs and package manifests. */
function isProjectFile(path: string): boolean {
  return !path.includes('node_modules/') && (/((^|\/)([tj]sconfig[^/]*|package)|(tsconfig|typescript-config)[^/]*\/.*)\.json$/.test(path) || path === 'pnpm-workspace.yaml');
}

/** Files the graph reads: code, tsconfigs and manifests (verify reads the same). */
export function isGraphInput(path: string): boolean {
  return isCodeFile(path) || isProjectFile(path);
}

/** A file the graph reads: code, outside node_modules. */
export function isCodeFile(path: string): boolean {
  return !path.includes('node_modules/') && scriptKindOf(path) !== undefined;
}

/**
 * The symbol graph of one side of the comparison.
 * Input: the side's files with blob ids, a reader for their text, the cache, and optionally
 * the files in focus. Output: the graph (plain data), the files it could not analyse, syntax
 * errors, warnings (no tsconfig, a base config not installed). Errors: ProjectError for a
 * tsconfig that cannot be parsed. Files with syntax errors are analysed as far as they parse
 * (a focused graph reports those among its files only: the others are not parsed). Only files
 * whose blob the cache does not know are read, skimmed or parsed; only specifiers it has not
 * resolved in this project state are resolved.
 */
export async function buildGraph(input: GraphInput): Promise<GraphOutput> {
  const codeFiles = input.files.filter((file) => isCodeFile(file.path));
  const unanalysedFiles = input.files.filter((file) => !file.path.includes('node_modules/') && isUnanalysableCode(file.path)).map((file) => file.path);
  const state = projectState(input, codeFiles.length);
  const sideResolver = once(() => createSideResolver(input));
  // Nothing to carry resolutions from: every specifier is resolved, so the compiler and the
  // configs load now, while the files are read (a failure is reported when the resolver is used).
  const cold = state.cached === undefined && state.latest === undefined;
  if (cold) {
    const start = () => void sideResolver().catch(() => undefined);
    void (input.busy ?? Promise.resolve()).then(start, start);
  }
  // Once the early read is done, the parse threads parse ahead what the focus most likely needs,
  // while this thread resolves imports.
  if (input.focus !== undefined && cold) {
    const focus = input.focus;
    const prefetch = () => prefetchNear(focus, codeFiles.map((file) => file.path), input.readTexts).catch(() => undefined);
    void (input.ready ?? Promise.resolve()).then(prefetch, prefetch);
  }
  const early = cold && input.progress ? await resolveAsSkimmed(input, input.progress, sideResolver) : undefined;
  // A whole graph needs every file's facts; a focused one skims all and parses what can reach the focus.
  const depth: ParseDepth = input.focus === undefined ? 'skim+facts' : 'skim';
  const held = lookUpEntries(codeFiles, input, depth, state.table);
  await input.ready;
  const { entries, parsed } = await entriesOf(codeFiles, held, input, depth, state.table);

  const { resolve, warnings, snapshot, resolveMore, storeImports } = await resolutionsOf(input, codeFiles, entries, state, sideResolver, early);
  const facts = factsLoader(entries, input, resolveMore);

  const blobs = new Map(codeFiles.map((file) => [file.path, file.blob]));
  const links = input.focus === undefined ? undefined : importLinks(entries);
  const consulting = (files: readonly string[]) => importersOfAll(closure(files, links!.passers), links!.importers);
  const seeds = input.focus === undefined ? undefined : seedsOf(input.focus, entries, links!.importers, input.focusImports);
  const builder = once(() => createPieceBuilder({ has: (path) => entries.has(path), get: (path) => facts.get(path) }, { resolve }));
  // Every file importing a seed, directly or not.
  const reaching = seeds === undefined ? undefined : closure(seeds, links!.importers);
  // Reading a ledger costs about what checking the pieces of one file in eight does: worth it
  // for a change that can reach more files than that, not for one few files import.
  const readsLedger = reaching !== undefined && reaching.size * LEDGER_READ_SHARE > entries.size;
  // The seeds' facts first (their pieces need them anyway): an edit the ledger has not seen is
  // told from one other files' pieces can see by them (see `unseenChange`).
  if (readsLedger) await facts.ensure(seeds!);
  const ledger = readsLedger ? openLedger(input.cache, snapshot, blobs, entries, consulting) : undefined;
  const context: PieceContext = { entries, blobs, resolve, cache: input.cache, snapshot, ...(ledger ? { ledger } : {}), stamps: stamper(entries, blobs, resolve, snapshot), builder, facts };
  const { pieces, looked, built } = await piecesOf(seeds, { consulting, reaching: reaching ?? new Set() }, context);
  storeImports();
  // A focused graph serves a walk, which asks for the dependents of few symbols: pieces are decoded, and member edges drawn, as asked.
  const graph = assembleGraph(pieces, lazyFacts([...pieces.keys()], facts), { lazy: input.focus !== undefined });

  // Whole-repository figures come from the rows (the skims, resolved), whatever the focus and whatever was parsed.
  entries.forEach(({ row }, path) => {
    for (let index = 0; index < row.size; index++) {
      const line = row.line(index);
      if (line >= 0 && row.isUnresolved(index)) graph.unresolvedImports.push({ file: path, specifier: row.specifier(index), line });
    }
  });
  // Syntax errors need a parse: they are the graph's files' (the whole repository's for a whole graph).
  const parseErrors = new Map<string, { line: number; col: number; message: string }>();
  for (const path of pieces.keys()) {
    // Known to the ledger: the summaries of thousands of files are not decoded for it.
    const known = ledger?.known('piece', path)?.parseError;
    const first = known === undefined ? entries.get(path)!.facts?.summary.parseError : known;
    if (first) parseErrors.set(path, first);
  }
  graph.unparsedFiles = [...parseErrors.keys()].sort(compareText);
  graph.unresolvedImports.sort((a, b) => compareText(a.file, b.file) || a.line - b.line);
  // Only the files whose pieces were looked at can consult what the walk reaches, hence export it.
  const exportedSymbols = (files: readonly string[]) => exportsOf(files.filter((file) => looked.has(file)), context);
  let resolved: Map<string, Map<string, Resolution>> | undefined;
  return {
    graph,
    codeFiles: [...entries.keys()].sort(compareText),
    unanalysedFiles,
    parseErrors,
    warnings,
    parsedFiles: parsed + facts.parsed(),
    builtPieces: built,
    // Made when first read: only a change to an asset or a dependency reads it, and it is a map per file of the graph.
    get resolved() {
      return (resolved ??= new Map([...pieces.keys()].map((path) => [path, skimmedResolutions(entries.get(path)!.row)])));
    },
    exportedSymbols,
  };
}

/**
 * What the graph knows of a code file: where the modules it names lead (its row: see
 * `ImportRow`), and its facts once parsed or found in the cache.
 */
class FileEntry {
  #facts: StoredFacts | undefined | null = null;
  #summary: FileSummary | undefined;
  #skim: FileSkim | undefined;
  #noted = false;
  /** Where the modules the file names lead: carried, or set once the state's resolutions are known (see `resolutionsOf`). */
  row!: ImportRow;
  /** Whether the row came from the state's import table: the skim is not decoded. */
  readonly carried: boolean;

  /**
   * @param skim the skim, when this run read it or must resolve the file's imports again
   * @param row the row carried from the state's import table, when the file is unchanged
   */
  constructor(
    readonly path: string,
    readonly blob: string,
    private readonly cache: GraphCache,
    skim: FileSkim | undefined,
    facts?: StoredFacts,
    row?: ImportRow,
  ) {
    this.#skim = skim;
    if (row) this.row = row;
    this.carried = row !== undefined;
    if (facts) this.#facts = facts;
  }

  /** Whether this run parsed the file and noted what its skim did not read: its row is complete (see `ImportRow.complete`). */
  get noted(): boolean {
    return this.#noted;
  }

  /** The skim; undefined only for a carried row whose skim the cache no longer holds. */
  get skim(): FileSkim | undefined {
    this.#skim ??= this.cache.skim(this.path, this.blob);
    return this.#skim;
  }

  /** Asked of the cache when first needed: a warm run decodes the facts of the files it reads, not all. */
  get facts(): StoredFacts | undefined {
    if (this.#facts === null) this.#facts = this.cache.facts(this.path, this.blob);
    return this.#facts;
  }

  set facts(facts: StoredFacts) {
    this.#facts = facts;
  }

  /** Whether the file has facts, parsed or in the cache, decoding nothing: a warm run asks it of thousands of files and reads few. */
  hasFacts(): boolean {
    if (this.#facts !== null) return this.#facts !== undefined;
    if (this.cache.hasFacts(this.path, this.blob)) return true;
    this.#facts = undefined;
    return false;
  }

  /**
   * From the facts when the cache holds them, else the blob stands in (any edit counts). Fixed
   * for the run once read, so that every stamp of a run reads the same.
   */
  get summary(): FileSummary {
    this.#summary ??= this.facts?.summary ?? { surface: `blob ${this.blob}`, ownExports: `blob ${this.blob}` };
    return this.#summary;
  }

  /**
   * Notes what facts parsed apart from the skim name that it did not read (none in any
   * repository tried): resolved too, never counted among the file's imports. Returns those the
   * row does not name yet.
   */
  noteUnread(facts: FileFacts): string[] {
    this.#noted = true;
    const skimmed: string[] = [];
    for (let index = 0; index < this.row.size; index++) if (this.row.line(index) >= 0) skimmed.push(this.row.specifier(index));
    const unread = unreadBy(skimmed, facts);
    if (unread.length === 0) return [];
    const skim = this.skim;
    if (skim) {
      this.#skim = { ...skim, unread };
      this.cache.storeSkim(this.path, this.blob, this.#skim);
    }
    return unread.filter((specifier) => this.row.resolve(specifier) === undefined);
  }
}

/** A file the piece builder needs the facts of, not parsed yet: parsed, then the piece is built again (see `inRounds`). */
class FactsNeeded extends Error {
  constructor(readonly path: string) {
    super(`the facts of ${path} are not parsed yet`);
  }
}

interface FactsLoader {
  /** The facts of a code file of the side (FactsNeeded when they are not parsed yet); undefined for any other. */
  get(path: string): FileFacts | undefined;
  /** Parses the files among `paths` whose facts are not known yet. */
  ensure(paths: Iterable<string>): Promise<void>;
  /** How many files this loader parsed. */
  parsed(): number;
}

function factsLoader(entries: ReadonlyMap<string, FileEntry>, input: GraphInput, resolveMore: (pairs: Array<[string, string]>) => Promise<void>): FactsLoader {
  let parsed = 0;
  return {
    get(path) {
      const entry = entries.get(path);
      if (entry && !entry.facts) throw new FactsNeeded(path);
      return entry?.facts!.load();
    },
    async ensure(paths) {
      const missing: Array<Pick<TreeFile, 'path' | 'blob'>> = [];
      for (const path of new Set(paths)) {
        const entry = entries.get(path);
        if (entry && !entry.hasFacts()) missing.push({ path, blob: entry.blob });
      }
      if (missing.length === 0) return;
      parsed += missing.length;
      const read = await readAndStore(missing, input.readTexts, input.cache, 'facts');
      const unread: Array<[string, string]> = [];
      for (const { path } of missing) {
        const entry = entries.get(path)!;
        entry.facts = read.get(path)?.facts ?? heldFacts(emptyFacts(path));
        for (const specifier of entry.noteUnread(entry.facts.load())) unread.push([path, specifier]);
      }
      if (unread.length > 0) await resolveMore(unread);
    },
    parsed: () => parsed,
  };
}

/** Files parsed ahead, at most: about what the threads parse while a large repository's imports are resolved. */
const PREFETCH_LIMIT = 2000;

/** Has the parse threads parse ahead the files a change most likely needs (see `prefetchOrder`). */
async function prefetchNear(focus: readonly string[], files: readonly string[], readTexts: TextReader): Promise<void> {
  if (!parseThreadsUp()) return;
  const paths = prefetchOrder(focus, files, PREFETCH_LIMIT);
  const texts = await readTexts(paths);
  prefetchFacts(paths.flatMap((path) => {
    const text = texts.get(path);
    return text === undefined ? [] : [{ path, text, kind: scriptKindOf(path)! }];
  }));
}

/** A file whose text could no longer be read: it declares and imports nothing. */
function emptyFacts(path: string): FileFacts {
  return { path, scriptKind: scriptKindOf(path) ?? 'ts', declarations: [], imports: [], reExports: [], localExports: [], sideEffectImports: [], parseErrors: [] };
}

/**
 * The files whose symbols a change can reach first: the changed code files, the importers of
 * changed non-code files (an imported JSON file), and the files with an import `focusImports`
 * takes (the users of a changed dependency).
 */
function seedsOf(
  focus: readonly string[],
  entries: ReadonlyMap<string, FileEntry>,
  importers: ReadonlyMap<string, readonly string[]>,
  focusImports: ((file: string, specifier: string) => boolean) | undefined,
): string[] {
  const seeds = new Set(focus.flatMap((path) => (entries.has(path) ? [path] : (importers.get(path) ?? []))));
  if (focusImports) {
    for (const [path, { row }] of entries) {
      for (let index = 0; index < row.size; index++) if (row.line(index) >= 0 && focusImports(path, row.specifier(index))) seeds.add(path);
    }
  }
  return [...seeds];
}

/**
 * What each file's specifiers resolve to, read backwards, in one pass over them all:
 * - `importers`: target -> the files importing it;
 * - `passers`: target -> the files that may pass its names on: a re-export names its module, and
 *   a file that may export what it imports (see `FileSkim.passesImports`) every module it imports.
 */
function importLinks(entries: ReadonlyMap<string, FileEntry>): { importers: Map<string, string[]>; passers: Map<string, string[]> } {
  const importers = new Map<string, string[]>();
  const passers = new Map<string, string[]>();
  const add = (index: Map<string, string[]>, target: string, path: string) => {
    const list = index.get(target);
    if (list) list.push(path);
    else index.set(target, [path]);
  };
  // `forEach`: no entry array per file.
  entries.forEach(({ row }, path) => {
    // Modules only the facts named count too: a piece resolves through them like any other.
    for (let index = 0; index < row.size; index++) {
      const target = row.target(index);
      if (target === undefined) continue;
      add(importers, target, path);
      const passes = row.leadsToFile(index) && target !== path && row.mayPass(index);
      if (passes && passers.get(target)?.at(-1) !== path) add(passers, target, path);
    }
  });
  return { importers, passers };
}

/** Where each module a file's skim read leads (not those only its facts named), by specifier. */
function skimmedResolutions(row: ImportRow): Map<string, Resolution> {
  const resolutions = new Map<string, Resolution>();
  for (let index = 0; index < row.size; index++) if (row.line(index) >= 0) resolutions.set(row.specifier(index), row.resolution(index));
  return resolutions;
}

/**
 * The files and every file `index` leads to from them, directly or through others: every file
 * importing them (with `importers`), every file their names may pass through (with `passers`).
 */
function closure(files: readonly string[], index: ReadonlyMap<string, readonly string[]>): Set<string> {
  const found = new Set(files);
  for (const file of found) for (const next of index.get(file) ?? []) found.add(next);
  return found;
}

/**
 * The files importing any of `files`: the only files whose pieces can consult them (a piece
 * consults the modules it imports and the files names pass through on the way to them).
 */
function importersOfAll(files: Iterable<string>, importers: ReadonlyMap<string, readonly string[]>): Set<string> {
  const found = new Set<string>();
  for (const file of files) for (const importer of importers.get(file) ?? []) found.add(importer);
  return found;
}

interface PieceContext {
  entries: ReadonlyMap<string, FileEntry>;
  blobs: ReadonlyMap<string, string>;
  resolve: (from: string, specifier: string) => Resolution;
  cache: GraphCache;
  /** The project snapshot's key: its ledger's (see `PieceVerdict`). */
  snapshot: string;
  /** A focused graph's ledger: a whole graph decodes every piece anyway. */
  ledger?: Ledger;
  stamps: Stamps;
  /** One builder for the run (made when first needed): pieces and exports share its lookups. */
  builder: () => PieceBuilder;
  facts: FactsLoader;
}

/**
 * The graph pieces that matter for `seeds` (every file's when there are none): each from the
 * cache while every file it was resolved through keeps its stamp (a body edit elsewhere changes
 * no stamp), else built anew from facts, parsed when first needed. `around.consulting` gives
 * the files whose pieces can consult some of the given ones: only those can hold an edge into
 * them; `around.reaching` every file importing a seed, directly or not.
 */
async function piecesOf(
  seeds: readonly string[] | undefined,
  around: { consulting: (files: readonly string[]) => Iterable<string>; reaching: ReadonlySet<string> },
  context: PieceContext,
): Promise<{ pieces: Map<string, PieceSource>; looked: ReadonlySet<string>; built: number }> {
  // What each piece consulted, in the order the pieces were loaded or built.
  const consultedBy: Array<[string, readonly string[]]> = [];
  const sources = new Map<string, PieceSource>();
  let built = 0;
  const missed = new Set<string>();
  /** Loads the cached piece of a file whose consulted files keep their stamps; whether there was one (asked once). */
  const fromCache = (path: string): boolean => {
    if (missed.has(path)) return false;
    const stored = validVariant(context, 'piece', path, context.blobs.get(path)!);
    if (!stored) {
      missed.add(path);
      return false;
    }
    consultedBy.push([path, stored.consulted]);
    sources.set(path, cachedSource(stored, stored.outlineAtHand));
    return true;
  };
  /** The files among `paths` whose pieces are not loaded and not in the cache: to be built. */
  const unbuilt = (paths: Iterable<string>) => [...paths].filter((path) => !sources.has(path) && context.entries.has(path) && !fromCache(path));
  const ensure = async (paths: Iterable<string>) => {
    const pending = unbuilt(paths);
    // Built in rounds: a piece that needs facts not parsed yet waits for the next, after they are.
    await context.facts.ensure(likelyConsulted(pending, context));
    await inRounds(pending, (path) => context.builder().piece(path)!, context.facts, (path, { piece, consulted }) => {
      const outline = outlineOf(piece);
      storeVariant(context, 'piece', path, piece, consulted, outline);
      consultedBy.push([path, consulted]);
      sources.set(path, { outline, load: () => piece });
      built++;
    });
  };
  let wanted: string[];
  if (seeds === undefined) {
    wanted = [...context.entries.keys()].sort(compareText);
    await ensure(wanted);
  } else {
    // A change that most files can reach through imports: level by level, each level would be a
    // batch waited for in turn, the threads idle while this one builds the level's pieces; one
    // batch parses what the levels would, and more, at once.
    const { reaching } = around;
    if (reaching.size * 4 > context.entries.size) await context.facts.ensure(likelyConsulted(unbuilt(reaching), context));
    wanted = [...(await piecesReaching(seeds, around.consulting, { ensure, consultedBy, sources }))].sort(compareText);
    context.ledger?.store((path) => {
      const facts = context.entries.get(path)?.facts;
      return { outline: sources.get(path)?.outline, ...(facts ? { parseError: facts.summary.parseError ?? null } : {}) };
    });
  }
  // The graph's files have facts, whether their pieces came from the cache or not: the walk reads them.
  await context.facts.ensure(wanted);
  // In path order: the order of pieces is the order of dependents, hence of why-paths.
  return { pieces: new Map(wanted.map((path) => [path, sources.get(path)!])), looked: new Set(sources.keys()), built };
}

/**
 * A cached piece for the graph: its outline decoded when first read (the graph reads the
 * outlines of the files a walk can reach), its value when the walk needs it. An outline of
 * another shape (a cache written by other code) is made again from the piece.
 */
function cachedSource(variant: Pick<StoredDerived<FilePiece>, 'outline' | 'load'>, known?: PieceOutline): PieceSource {
  const load = once(variant.load);
  if (known) return { outline: known, load };
  const outline = once(() => {
    const kept = variant.outline();
    return isPieceOutline(kept) ? kept : outlineOf(load());
  });
  return {
    get outline() {
      return outline();
    },
    load,
  };
}

/**
 * The ledger of the state a focused graph is built in (see `PieceVerdict`): `known` gives the
 * verdicts carried from the ledger kept for the project snapshot, `note` takes those this run
 * checked or built, and `store` keeps them all for the next run once it checked enough of them
 * (see `outOfDate`).
 */
interface Ledger {
  known(kind: keyof Derived, path: string): PieceVerdict | undefined;
  note(kind: keyof Derived, path: string, verdict: PieceVerdict): void;
  /** `describe`: the outline of a piece, and its file's syntax error, for a verdict noted without them. */
  store(describe?: (path: string) => Pick<PieceVerdict, 'outline' | 'parseError'>): void;
}

function openLedger(
  cache: GraphCache,
  snapshot: string,
  files: ReadonlyMap<string, string>,
  entries: ReadonlyMap<string, FileEntry>,
  consulting: (files: readonly string[]) => Iterable<string>,
): Ledger {
  const paths = [...files.keys()];
  const blobs = paths.map((path) => (entries.has(path) ? files.get(path)! : ''));
  const { verdicts, held } = carriedVerdicts(cache.ledger(snapshot), paths, blobs, consulting, (path, before) => unseenChange(cache, entries.get(path), before));
  let noted = 0;
  return {
    known: (kind, path) => verdicts[kind].get(path),
    note(kind, path, verdict) {
      verdicts[kind].set(path, verdict);
      noted++;
    },
    store(describe) {
      // The one held still spares most checks (those of the files a change since could not touch).
      if (noted === 0 || (held && !outOfDate(noted, verdicts.piece.size + verdicts.exports.size))) return;
      for (const [path, verdict] of describe ? verdicts.piece : []) {
        if (verdict.outline && verdict.parseError !== undefined) continue;
        const { outline, parseError } = describe!(path);
        verdict.outline ??= outline;
        if (verdict.parseError === undefined && parseError !== undefined) verdict.parseError = parseError;
      }
      cache.storeLedger(snapshot, encodeLedger(paths, blobs, verdicts));
      noted = 0;
    },
  };
}

/**
 * Whether a file's change from blob `before` is one no other file's piece can see: what the
 * stamps read of it (its surface, its own exports, the modules its skim names, in order) is the
 * same on both sides, as for a body edit. Both sides' facts must be at hand: a file this run has
 * not parsed counts as seen.
 */
function unseenChange(cache: GraphCache, entry: FileEntry | undefined, before: string): boolean {
  if (!entry || before === '') return false;
  const now = entry.facts?.summary;
  const then = cache.facts(entry.path, before)?.summary;
  if (!now || !then || now.surface !== then.surface || now.ownExports !== then.ownExports) return false;
  const skim = entry.skim;
  const earlier = cache.skim(entry.path, before);
  return skim !== undefined && earlier !== undefined && sameNames(skim, earlier);
}

/** Whether two skims name the same modules in the same order, whatever their lines. */
function sameNames(a: FileSkim, b: FileSkim): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((value, index) => value === y[index]);
  return (
    a.passesImports === b.passesImports &&
    same(a.specifiers.map((entry) => entry.specifier), b.specifiers.map((entry) => entry.specifier)) &&
    same(a.reExports, b.reExports) &&
    same(a.stars, b.stars) &&
    same(a.unread ?? [], b.unread ?? [])
  );
}

/** A ledger is read for a change that can reach more than one file in this many. */
const LEDGER_READ_SHARE = 8;

/**
 * Computes a value for each file and hands it to `use`, in rounds: a computation that needs
 * facts not parsed yet waits for the next round, and the facts all waiting computations need
 * are parsed in one batch between rounds.
 */
async function inRounds<T>(files: readonly string[], compute: (file: string) => T, facts: FactsLoader, use: (file: string, value: T) => void): Promise<void> {
  for (let pending = files; pending.length > 0; ) {
    const needed = new Set<string>();
    const waiting: string[] = [];
    for (const file of pending) {
      let value: T;
      try {
        value = compute(file);
      } catch (error) {
        if (!(error instanceof FactsNeeded)) throw error;
        needed.add(error.path);
        waiting.push(file);
        continue;
      }
      use(file, value);
    }
    await facts.ensure(needed);
    pending = waiting;
  }
}

/**
 * The files whose facts building the pieces of `files` will surely read, parsed in one batch
 * rather than found one by one: the files themselves and the modules they name. What a piece
 * reads beyond them (through a barrel, the one module that carries each name it imports) is
 * parsed when asked, in rounds: following every module a barrel re-exports parsed a whole
 * package behind each barrel imported, for the few names taken from it.
 */
function likelyConsulted(files: readonly string[], context: PieceContext): Set<string> {
  const likely = new Set(files);
  for (const file of files) {
    const { row } = context.entries.get(file)!;
    for (let index = 0; index < row.size; index++) {
      const target = row.target(index);
      if (row.line(index) >= 0 && row.leadsToFile(index) && context.entries.has(target!)) likely.add(target!);
    }
  }
  return likely;
}

/**
 * The files whose pieces can hold an edge into a seed, directly or through others: an edge into
 * a file's symbol exists only if the piece consulted that file. A class extending or
 * implementing another lends the calls through the base to its own members (overrides,
 * implementations): the base's file counts as reached too. Level by level from the seeds, only
 * the pieces of the files that can consult a reached file are built (see `consulting`): much
 * narrower than every file that imports a seed, directly or not.
 */
async function piecesReaching(
  seeds: readonly string[],
  consulting: (files: readonly string[]) => Iterable<string>,
  pieces: {
    ensure: (paths: Iterable<string>) => Promise<void>;
    /** What each piece consulted, in the order the pieces were loaded or built (the list only grows). */
    consultedBy: ReadonlyArray<readonly [string, readonly string[]]>;
    sources: ReadonlyMap<string, PieceSource>;
  },
): Promise<Set<string>> {
  const { ensure, consultedBy, sources } = pieces;
  const reached = new Set<string>();
  const queue: string[] = [];
  const reach = (file: string) => {
    if (reached.has(file) || !sources.has(file)) return;
    reached.add(file);
    queue.push(file);
  };
  // Which built pieces consulted each file; a piece built after a file it consulted was reached is reached at once.
  const consulters = new Map<string, string[]>();
  // Each round records the pieces added since the last.
  let recorded = 0;
  const record = () => {
    for (; recorded < consultedBy.length; recorded++) {
      const [path, consulted] = consultedBy[recorded]!;
      for (const file of consulted) {
        if (file === path) continue;
        const list = consulters.get(file) ?? [];
        list.push(path);
        consulters.set(file, list);
        if (reached.has(file)) reach(path);
      }
    }
  };
  await ensure(seeds);
  record();
  for (const seed of seeds) reach(seed);
  for (let done = 0; done < queue.length; ) {
    const level = queue.slice(done);
    done = queue.length;
    const bases = level.flatMap((path) => sources.get(path)!.outline.heritage.map(([, base]) => base.slice(0, base.lastIndexOf('#'))));
    await ensure([...bases, ...consulting([...level, ...bases])]);
    record();
    for (const base of bases) reach(base);
    for (const file of level) for (const consulter of consulters.get(file) ?? []) reach(consulter);
  }
  return reached;
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
  entries: ReadonlyMap<string, FileEntry>,
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
      targets = (entries.get(path)?.row.stars() ?? []).flatMap((specifier) => {
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
    const { row } = entry;
    for (let index = 0; index < row.size; index++) {
      const resolution = row.resolution(index);
      hash.update(`\u0000${row.specifier(index)}\u0000${resolution.kind}\u0000${row.target(index) ?? ''}`);
    }
    return hash.digest('base64');
  };
  const exportsStamp = (path: string): string => {
    const hash = createHash('sha1');
    for (const file of starClosure(path)) hash.update(`${file}\u0000${entries.get(file)?.summary.ownExports ?? 'absent'}\u0000${starTargets(file).join('\u0000')}\n`);
    return hash.digest('base64');
  };
  const exportsPrefix = exportsKey('');
  // A key's share of a signature, once per run: thousands of pieces consult the same barrels,
  // whose star closures can be long.
  const keyDigests = new Map<string, string>();
  const keyDigest = (key: string): string => {
    let digest = keyDigests.get(key);
    if (digest === undefined) {
      const files = key.startsWith(exportsPrefix) ? starClosure(key.slice(exportsPrefix.length)) : [key];
      // What the stamps read: a file without facts (its text could not be read) is absent.
      const text = files.map((file) => `${file}\u0000${entries.has(file) ? blobs.get(file) : 'absent'}`).join('\n');
      digest = hash('sha1', `${key}\n${text}`, 'base64');
      keyDigests.set(key, digest);
    }
    return digest;
  };
  return {
    stampOf(key) {
      const known = stamps.get(key);
      if (known !== undefined) return known;
      const stamp = key.startsWith(exportsPrefix) ? exportsStamp(key.slice(exportsPrefix.length)) : surfaceStamp(key);
      stamps.set(key, stamp);
      return stamp;
    },
    signatureOf(keys) {
      // One-shot hashing: a warm run checks a signature per piece of every file that can reach the change.
      return hash('sha1', `${snapshot}\n${keys.map(keyDigest).join('\n')}`, 'base64');
    },
  };
}

/** The facts of the graph's files, decoded when first asked for. */
function lazyFacts(paths: readonly string[], facts: FactsLoader): GraphFiles {
  const held = new Set(paths);
  return {
    has: (path) => held.has(path),
    get: (path) => (held.has(path) ? facts.get(path) : undefined),
    keys: () => held.keys(),
  };
}

/** What the cache holds of each code file (see `lookUpEntries`), and the files it lacked. */
interface LookedUp {
  known: Map<string, { skim?: FileSkim; facts: StoredFacts | undefined; row?: ImportRow }>;
  missing: Array<{ file: TreeFile; index: number }>;
}

/**
 * What the cache holds of each code file: its row carried from the state's import table when
 * its blob is the same (its skim not decoded), else its skim; and, when the cache has them, its
 * facts. Done while the early reading (`GraphInput.ready`) still parses what the cache lacked:
 * `entriesOf` then looks up only those files again.
 */
function lookUpEntries(codeFiles: readonly TreeFile[], input: GraphInput, depth: ParseDepth, table: ImportTable | undefined): LookedUp {
  const looked: LookedUp = { known: new Map(), missing: [] };
  codeFiles.forEach((file, index) => {
    if (!lookUpEntry(looked, file, index, input, depth, table)) looked.missing.push({ file, index });
  });
  return looked;
}

/** Notes what the cache holds of one file; whether that is all `depth` needs. */
function lookUpEntry(looked: LookedUp, file: TreeFile, index: number, input: GraphInput, depth: ParseDepth, table: ImportTable | undefined): boolean {
  // A focused graph asks the cache for facts only when it reads them (see `FileEntry.facts`).
  const facts = depth === 'skim' ? undefined : input.cache.facts(file.path, file.blob);
  const stored = table?.blob(index) === file.blob ? table.row(index) : undefined;
  // A row made before the facts were known is made again once they are (see `ImportRow.complete`).
  const row = stored && (stored.complete || (facts ?? input.cache.facts(file.path, file.blob)) === undefined) ? stored : undefined;
  const skimHeld = input.cache.hasSkim(file.path, file.blob);
  if (row && skimHeld && (depth === 'skim' || facts)) {
    looked.known.set(file.path, { facts, row });
    return true;
  }
  const skim = skimHeld ? input.cache.skim(file.path, file.blob) : undefined;
  looked.known.set(file.path, { ...(skim ? { skim } : {}), facts });
  return skim !== undefined && (depth === 'skim' || facts !== undefined);
}

/**
 * Every code file's entry, from what `lookUpEntries` found; the files the cache lacked are
 * looked up again (the early reading has stored them since, likely) and read to `depth` if
 * still missing: a whole graph parses them all at once.
 */
async function entriesOf(
  codeFiles: readonly TreeFile[],
  looked: LookedUp,
  input: GraphInput,
  depth: ParseDepth,
  table: ImportTable | undefined,
): Promise<{ entries: Map<string, FileEntry>; parsed: number }> {
  const entries = new Map<string, FileEntry>();
  const toRead = looked.missing.filter(({ file, index }) => !lookUpEntry(looked, file, index, input, depth, table)).map(({ file }) => file);
  const read = await readAndStore(toRead, input.readTexts, input.cache, depth);
  let parsed = 0;
  for (const file of codeFiles) {
    const fresh = read.get(file.path);
    const { skim, facts, row } = looked.known.get(file.path)!;
    // A file whose text could not be read is not part of the graph.
    if (!fresh?.skim && !skim && !row) continue;
    if (fresh?.facts) parsed++;
    entries.set(file.path, new FileEntry(file.path, file.blob, input.cache, fresh?.skim ?? skim, fresh?.facts ?? facts, row));
  }
  return { entries, parsed };
}

/** The code files among `files` whose skim the cache does not hold (`held`: see `GraphCache.hasSkim`). */
export function uncachedCode(files: readonly TreeFile[], held: (path: string, blob: string) => boolean): TreeFile[] {
  return files.filter((file) => isCodeFile(file.path) && !held(file.path, file.blob));
}

/**
 * Skims the code files among `files` whose blobs the cache does not know (see `uncachedCode`),
 * and stores what it read, in workers: a command starts it before it needs the graph, so that the compiler loads
 * on another core while git answers its other questions. `buildGraph` then finds them cached.
 * A batch too small for several workers (a warm run's changed files, likely) is parsed and
 * fingerprinted too: the caller would otherwise parse those here, loading the compiler on this
 * thread as well.
 */
export async function parseUncached(
  files: readonly TreeFile[],
  readTexts: TextReader,
  cache: GraphCache,
  options: Pick<ParseOptions, 'signal' | 'onStarted'> & { progress?: ReadProgress } = {},
): Promise<void> {
  const { progress, ...parseOptions } = options;
  try {
    const toRead = uncachedCode(files, (path, blob) => cache.hasSkim(path, blob));
    await readAndStore(toRead, readTexts, cache, toRead.length < WORKER_THRESHOLD ? 'described' : 'skim', { ...parseOptions, beside: true }, (paths) => progress?.add(paths));
  } finally {
    progress?.end();
  }
}

/** What `readAndStore` read of a file, facts as the cache holds them. */
interface StoredRead {
  skim?: FileSkim;
  facts?: StoredFacts;
  fingerprints?: ReadonlyMap<string, SymbolFingerprint>;
}

/**
 * Reads `files` to `depth` and stores what was read; returns it, facts as the cache holds them.
 * Files whose text cannot be read are left out.
 */
async function readAndStore(
  files: readonly Pick<TreeFile, 'path' | 'blob'>[],
  readTexts: TextReader,
  cache: GraphCache,
  depth: ParseDepth,
  options: Omit<ParseOptions, 'onPart'> = {},
  onStored?: (paths: string[]) => void,
): Promise<Map<string, StoredRead>> {
  if (files.length === 0) {
    options.onStarted?.();
    return new Map();
  }
  const texts = await readTexts(files.map((file) => file.path));
  const jobs = files.flatMap((file) => {
    const text = texts.get(file.path);
    const kind = scriptKindOf(file.path);
    return text === undefined || kind === undefined ? [] : [{ path: file.path, text, kind }];
  });
  const blobs = new Map(files.map((file) => [file.path, file.blob]));
  const stored = new Map<string, StoredRead>();
  // Stored part by part, as the threads answer: a consumer of `onStored` may start on them.
  const store = (part: ParsedFile[]) => {
    for (const { path, skim, facts, fingerprints } of part) {
      const blob = blobs.get(path)!;
      if (skim) cache.storeSkim(path, blob, skim);
      if (fingerprints) cache.storeFingerprints(path, blob, fingerprints);
      stored.set(path, { ...(skim ? { skim } : {}), ...(facts ? { facts: cache.storeFacts(path, blob, facts) } : {}), ...(fingerprints ? { fingerprints } : {}) });
    }
    onStored?.(part.map((parsed) => parsed.path));
  };
  await parseFiles(jobs, depth, { ...options, onPart: store });
  return stored;
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

/** Every module a skim names: its specifiers, then those only the facts named. */
function namedBy(skim: FileSkim): string[] {
  return [...skim.specifiers.map(({ specifier }) => specifier), ...(skim.unread ?? [])];
}

/**
 * Where every specifier of every file leads, in this state of the project, as each entry's row
 * (see `ImportRow`): the rows of unchanged files come from the state's import table; a changed
 * file's specifiers from its earlier row in this state (the same file list and configs resolve
 * a specifier of a path the same way), else from the latest state with the same configs (see
 * `carryResolutions`); what is still missing is resolved with TypeScript (loaded only then).
 * `storeImports` keeps the table for the next run, once the graph has parsed what it needed.
 */
async function resolutionsOf(
  input: GraphInput,
  codeFiles: readonly TreeFile[],
  entries: ReadonlyMap<string, FileEntry>,
  state: ProjectState,
  sideResolver: () => Promise<SideResolver>,
  early: ReadonlyMap<string, Resolution> = new Map(),
): Promise<{
  resolve: (from: string, specifier: string) => Resolution;
  warnings: string[];
  snapshot: string;
  /** Resolves specifiers found later (facts naming a module their skim did not), for this run. */
  resolveMore: (pairs: Array<[string, string]>) => Promise<void>;
  storeImports: () => void;
}> {
  const { snapshotKey, latestKey, cached, latest, table } = state;
  const keyed = table ? undefined : latest?.paths ? carryResolutions(keyedResolutions(latest, latest.paths), latest.paths, new Set(input.files.map((file) => file.path))) : early;
  let warnings = cached?.warnings ?? latest?.warnings ?? [];
  const known = (path: string, specifier: string, before: ImportRow | undefined) => before?.resolve(specifier) ?? keyed?.get(resolutionKey(path, specifier));
  const pending: Array<{ entry: FileEntry; named: string[]; before: ImportRow | undefined }> = [];
  const missing: Array<[string, string]> = [];
  codeFiles.forEach((file, index) => {
    const entry = entries.get(file.path);
    if (!entry || entry.carried) return;
    const named = namedBy(entry.skim!);
    // The file's row at the blob the table holds: its specifiers still lead where they led.
    const before = table?.row(index);
    for (const specifier of named) if (!known(file.path, specifier, before)) missing.push([file.path, specifier]);
    pending.push({ entry, named, before });
  });
  let resolved = new Map<string, Resolution>();
  if (missing.length > 0 || (cached === undefined && latest === undefined)) {
    const resolver = await sideResolver();
    resolved = resolver.resolve(missing);
    warnings = resolver.warnings;
  }
  for (const { entry, named, before } of pending) {
    const resolutions = named.map((specifier) => known(entry.path, specifier, before) ?? resolved.get(resolutionKey(entry.path, specifier)) ?? UNRESOLVED);
    entry.row = ImportRow.of(entry.skim!, resolutions, entry.facts !== undefined);
  }
  const storeImports = () => {
    // A row made before its file was parsed is complete once the parse noted what the skim missed.
    const rows = codeFiles.map((file) => {
      const entry = entries.get(file.path);
      return entry && { blob: entry.blob, row: entry.row, complete: entry.row.complete || entry.noted };
    });
    const renewed = rows.filter((row) => row && !row.row.complete && row.complete).length;
    if (table && missing.length === 0 && !outOfDate(pending.length + renewed, entries.size)) return;
    const imports = encodeImportTable(rows);
    input.cache.storeSnapshot(snapshotKey, { imports, warnings });
    input.cache.storeSnapshot(latestKey, { imports, warnings, paths: input.files.map((file) => file.path) });
  };
  const resolve = (from: string, specifier: string): Resolution => entries.get(from)?.row.resolve(specifier) ?? UNRESOLVED;
  const resolveMore = async (pairs: Array<[string, string]>) => {
    const unknown = pairs.filter(([from, specifier]) => {
      const entry = entries.get(from);
      return entry !== undefined && entry.row.resolve(specifier) === undefined;
    });
    if (unknown.length === 0) return;
    const more = (await sideResolver()).resolve(unknown);
    const byFile = new Map<string, Array<[string, Resolution]>>();
    for (const [from, specifier] of unknown) byFile.set(from, [...(byFile.get(from) ?? []), [specifier, more.get(resolutionKey(from, specifier)) ?? UNRESOLVED]]);
    for (const [from, found] of byFile) {
      const entry = entries.get(from)!;
      entry.row = entry.row.withUnread(found);
    }
  };
  return { resolve, warnings, snapshot: snapshotKey, resolveMore, storeImports };
}

/** A snapshot's resolutions by `file\0specifier`, as `carryResolutions` takes them. */
function keyedResolutions(snapshot: ProjectSnapshot, paths: readonly string[]): Map<string, Resolution> {
  const codePaths = paths.filter(isCodeFile);
  const table = ImportTable.open(snapshot.imports, codePaths.length);
  const keyed = new Map<string, Resolution>();
  codePaths.forEach((path, index) => {
    const row = table?.row(index);
    for (let module = 0; module < (row?.size ?? 0); module++) keyed.set(resolutionKey(path, row!.specifier(module)), row!.resolution(module));
  });
  return keyed;
}

/**
 * Resolves the imports of the files an early read (see `GraphInput.progress`) has skimmed, part
 * by part as it stores them, until it ends: the main thread would otherwise wait for the last
 * part, then resolve while the parse threads wait. A resolver that fails to load resolves
 * nothing here; the graph reports why where it needs one.
 */
async function resolveAsSkimmed(input: GraphInput, progress: ReadProgress, sideResolver: () => Promise<SideResolver>): Promise<Map<string, Resolution>> {
  const resolved = new Map<string, Resolution>();
  // The resolver is made once the early read no longer needs this thread (see `GraphInput.busy`).
  await input.busy?.catch(() => undefined);
  const resolver = await sideResolver().catch(() => undefined);
  if (!resolver) return resolved;
  const blobs = new Map(input.files.map((file) => [file.path, file.blob]));
  for await (const part of progress.parts(input.ready ?? Promise.resolve())) {
    const pairs: Array<[string, string]> = [];
    for (const path of part) {
      // A file of the other side, or another version of it, is not this graph's.
      const blob = blobs.get(path);
      const skim = blob === undefined ? undefined : input.cache.skim(path, blob);
      for (const { specifier } of skim?.specifiers ?? []) pairs.push([path, specifier]);
    }
    for (const [key, resolution] of resolver.resolve(pairs)) resolved.set(key, resolution);
    // Lets the threads' messages in: parts waiting here are resolved only after this yields, and
    // the last one sets the parse-ahead going.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return resolved;
}

/**
 * A state of the project (see `projectSnapshotKey`), the snapshot the cache has for it (its
 * import table opened for its `codeFiles`) or for the latest state of its configs.
 */
interface ProjectState {
  snapshotKey: string;
  latestKey: string;
  cached: ProjectSnapshot | undefined;
  table: ImportTable | undefined;
  latest: ProjectSnapshot | undefined;
}

function projectState(input: GraphInput, codeFiles: number): ProjectState {
  const configKey = projectConfigKey(input.files);
  const snapshotKey = projectSnapshotKey(configKey, input.files);
  const latestKey = `latest\u0000${configKey}`;
  const cached = input.cache.snapshot(snapshotKey);
  const table = cached && ImportTable.open(cached.imports, codeFiles);
  return { snapshotKey, latestKey, cached, table, latest: cached ? undefined : input.cache.snapshot(latestKey) };
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

/** TypeScript's resolver for the side, with the configs' warnings (the compiler is loaded here, not before). */
interface SideResolver {
  resolve(pairs: ReadonlyArray<[string, string]>): Map<string, Resolution>;
  warnings: string[];
}

async function createSideResolver(input: GraphInput): Promise<SideResolver> {
  const [{ loadProjectLayout, workspacePackages }, { createModuleResolver }] = await Promise.all([import('../project/index.js'), import('./resolve-module.js')]);
  const paths = input.files.map((file) => file.path);
  const projectTexts = await input.readTexts(paths.filter(isProjectFile));
  const readText = (path: string) => projectTexts.get(path);
  const layout = loadProjectLayout({ root: input.root, paths, readText });
  const resolver = createModuleResolver(input.root, new Set(paths), layout, readText, workspacePackages(paths, readText));
  return {
    resolve(pairs) {
      const resolutions = new Map<string, Resolution>();
      for (const [from, specifier] of pairs) resolutions.set(resolutionKey(from, specifier), resolver.resolve(from, specifier));
      return resolutions;
    },
    warnings: layout.warnings,
  };
}

/**
 * The newest variant the cache holds of a derived value whose consulted files all keep their
 * stamps. A variant whose signature still holds (same project state, same blobs) is valid
 * without computing a stamp; one the ledger holds a verdict on, without even a signature.
 */
function validVariant<K extends keyof Derived>(
  context: PieceContext,
  kind: K,
  path: string,
  blob: string,
): (Pick<StoredDerived<Derived[K]>, 'outline' | 'load'> & { consulted: readonly string[]; outlineAtHand?: PieceOutline }) | undefined {
  // Known valid in this state (see `PieceVerdict`): no signature to check.
  const known = context.ledger?.known(kind, path);
  const kept = known && context.cache.variant(kind, path, blob, known.id);
  if (known && kept) return { outline: kept.outline, load: kept.load, consulted: known.consulted, outlineAtHand: known.outline };
  const found = checkedVariant(context, kind, path, blob);
  if (found) context.ledger?.note(kind, path, { id: found.id, signature: found.signature, consulted: found.consulted });
  return found;
}

/** The newest variant whose signature, else whose stamps, hold in this state, as valid in it. */
function checkedVariant<K extends keyof Derived>(context: PieceContext, kind: K, path: string, blob: string): StoredDerived<Derived[K]> | undefined {
  const { stamps } = context;
  const variants = context.cache.derived(kind, path, blob);
  // Computed as needed: the newest variant is nearly always the one.
  const signatures = new Map<StoredDerived<Derived[K]>, string>();
  const signatureOf = (variant: StoredDerived<Derived[K]>): string => {
    let signature = signatures.get(variant);
    if (signature === undefined) {
      signature = stamps.signatureOf(variant.consulted);
      signatures.set(variant, signature);
    }
    return signature;
  };
  const same = variants.find((variant) => variant.signature === signatureOf(variant));
  if (same) return same;
  const valid = variants.find((variant) => {
    const kept = variant.stamps === '' ? [] : variant.stamps.split('\n');
    return kept.length === variant.consulted.length && variant.consulted.every((key, index) => stamps.stampOf(key) === kept[index]);
  });
  if (!valid) return undefined;
  // Valid in this state too (a file added elsewhere): the next run here needs no stamps.
  valid.renew(signatureOf(valid));
  return { ...valid, signature: signatureOf(valid) };
}

/** Keeps a value derived in this state, and notes it in the ledger as valid here (named by the signature it was made under). */
function storeVariant<K extends keyof Derived>(context: PieceContext, kind: K, path: string, value: Derived[K], consulted: readonly string[], outline?: unknown): void {
  const { stamps } = context;
  const validity = { consulted: [...consulted], stamps: consulted.map((key) => stamps.stampOf(key)).join('\n'), signature: stamps.signatureOf(consulted) };
  context.cache.storeDerived(kind, path, context.blobs.get(path)!, value, validity, outline);
  context.ledger?.note(kind, path, { id: validity.signature, signature: validity.signature, consulted: validity.consulted });
}

/** What `GraphOutput.exportedSymbols` answers: from the cache while the files it read keep their stamps. */
async function exportsOf(files: readonly string[], context: PieceContext): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  const unknown = [...new Set(files)].filter((file) => {
    if (!context.entries.has(file)) return false;
    const stored = validVariant(context, 'exports', file, context.blobs.get(file)!);
    if (stored) result.set(file, stored.load());
    return !stored;
  });
  await inRounds(unknown, (file) => context.builder().exportedSymbols(file), context.facts, (file, { ids, consulted }) => {
    storeVariant(context, 'exports', file, ids, consulted);
    result.set(file, ids);
  });
  context.ledger?.store();
  return new Map(files.flatMap((file) => (result.has(file) ? [[file, result.get(file)!] as const] : [])));
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
  const read = await readAndStore(missing, readTexts, cache, 'described');
  for (const file of missing) {
    const described = read.get(file.path);
    if (!described?.facts || !described.fingerprints) continue;
    // One parse gives both; facts the graph already holds are the same, and kept.
    sides.set(file.path, { facts: known?.get(file.path) ?? described.facts.load(), fingerprints: described.fingerprints });
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
