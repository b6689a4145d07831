import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { COMPILER_CODE_FILE } from '../compiler-cache.js';
import type { FileFacts, SymbolFingerprint } from '../types.js';
import type { FilePiece } from './build-graph.js';
import { summarize, type FileSummary } from './file-summary.js';
import type { FileSkim } from './skim.js';

/**
 * What blast remembers between runs (DESIGN §8): per-file facts and fingerprints by path and
 * git blob id (the same bytes at the same path give the same facts), and per project
 * snapshot (tsconfigs, manifests and the file list) where each file's imports led (see
 * `ImportTable`), and each file's graph piece by path and blob id with the stamps of the files
 * it was resolved through, and per project snapshot a ledger of the pieces found valid there
 * (see `PieceVerdict`). The compiler's compiled code is kept beside (see `loadTypeScript`).
 *
 * One file per kind, plus journals of the latest runs' additions (see `openStore`), each
 * written atomically (a temporary file, then a rename), so a reader never sees half a file and
 * two blast processes at once can only lose each other's additions, never corrupt the cache.
 * Anything unreadable, truncated or written by another version is ignored and rebuilt.
 */
/** Facts as the cache holds them, decoded on demand. */
export interface StoredFacts {
  summary: FileSummary;
  load(): FileFacts;
}

/** Facts at hand as the cache hands them out, the summary made when first read. */
export function heldFacts(facts: FileFacts): StoredFacts {
  let summary: FileSummary | undefined;
  return {
    get summary() {
      return (summary ??= summarize(facts));
    },
    load: () => facts,
  };
}

/**
 * What the cache derives from a file and the files it consulted on the way: its graph piece
 * (see `PieceBuilder`), or, for a package's entry file, the symbols it exports.
 */
export interface Derived {
  piece: FilePiece;
  exports: string[];
}

/** How a derived value is checked against a later state (see `Stamps` in the graph). */
export interface DerivedValidity {
  /** The key of every file whose facts shaped the value: valid while each keeps its stamp. */
  consulted: string[];
  /** Their stamps, in that order, joined by newlines: split only when the signature no longer holds. */
  stamps: string;
  /** The project state and blobs behind those keys: valid while it is the same. */
  signature: string;
}

/** A derived value as the cache holds it; the value itself is decoded when first asked for. */
export interface StoredDerived<T> extends DerivedValidity {
  /** Names the variant for `GraphCache.variant`: the signature it was made under, kept when renewed. */
  id: string;
  load(): T;
  /** What was kept beside the value (see `GraphCache.storeDerived`), of a shape the caller checks; decoded when asked for. */
  outline(): unknown;
  /**
   * Keeps the value also under the signature of the state it was just found valid in, as the
   * newest variant. The old one stays: the merge-base and the head of a check are two states
   * that share most pieces, and each must find its own signature.
   */
  renew(signature: string): void;
}

export interface GraphCache {
  /** What a file names of other modules, read without parsing it (every file of a graph has one). */
  skim(path: string, blob: string): FileSkim | undefined;
  /** Whether the cache holds a skim of the file: kept like one read, though nothing is decoded. */
  hasSkim(path: string, blob: string): boolean;
  storeSkim(path: string, blob: string, skim: FileSkim): void;
  facts(path: string, blob: string): StoredFacts | undefined;
  /** Whether the cache holds a file's facts: kept like those read, though nothing is decoded. */
  hasFacts(path: string, blob: string): boolean;
  /** Keeps a file's facts; returns them as the cache now holds them. */
  storeFacts(path: string, blob: string, facts: FileFacts): StoredFacts;
  /**
   * The variants known for a file at a blob, newest first: the same blob may sit in states that
   * differ elsewhere (the merge-base and the head of one check), each valid in its own.
   */
  derived<K extends keyof Derived>(kind: K, path: string, blob: string): Array<StoredDerived<Derived[K]>>;
  /** `outline`: what a run reads of many variants without decoding their values (see `PieceOutline`), kept apart from them. */
  storeDerived<K extends keyof Derived>(kind: K, path: string, blob: string, value: Derived[K], validity: DerivedValidity, outline?: unknown): void;
  /**
   * The variant named `id` (see `StoredDerived.id`), its validity taken as known (see
   * `PieceVerdict`): nothing is decoded until its outline or value is asked for.
   */
  variant<K extends keyof Derived>(kind: K, path: string, blob: string, id: string): Pick<StoredDerived<Derived[K]>, 'outline' | 'load'> | undefined;
  /** The piece ledger kept for a project snapshot, of a shape the caller checks. */
  ledger(snapshotKey: string): unknown;
  storeLedger(snapshotKey: string, ledger: unknown): void;
  fingerprints(path: string, blob: string): ReadonlyMap<string, SymbolFingerprint> | undefined;
  storeFingerprints(path: string, blob: string, fingerprints: ReadonlyMap<string, SymbolFingerprint>): void;
  /** The import table of one project snapshot, with the project's warnings. */
  snapshot(key: string): ProjectSnapshot | undefined;
  storeSnapshot(key: string, snapshot: ProjectSnapshot): void;
  /** Writes what this run added; never throws (a cache that cannot be written is only slower). */
  flush(): Promise<void>;
  /** Lets go of the files the cache holds open (see `Reading`): nothing can be read from it after. */
  close(): void;
}

/** Where every code file's imports led in one state of the project, with the project's warnings. */
export interface ProjectSnapshot {
  /** The state's import table (see `ImportTable`), of a shape the reader checks. */
  imports: unknown;
  warnings: string[];
  /** Every path of that state, kept for the latest state of each config (see `carryResolutions`). */
  paths?: string[];
}

/** Bumped whenever what is stored changes shape or meaning (the extractor's facts included). */
const FORMAT = 19;

/** Variants kept per file and blob: enough for the two sides of a check and a state before. */
const DERIVED_VARIANTS = 3;

/**
 * A store file: the length of its header as a 32-bit number, the header (who wrote it, then its
 * keys, and where each value ends), then each value encoded on its own, end to end (value `i`
 * ends at `ends[i]`). A run decodes only the values it asks for: a warm run asks for a few graph
 * pieces among the thousands kept, and reads only their bytes from the stores of bodies. A file
 * another format or version of blast wrote (journals left by the previous release) is skipped
 * without decoding anything.
 */
interface StoredHeader {
  format: number;
  version: string;
  keys: string[];
  ends: Uint32Array;
}

/** Values by key, each still encoded. */
type EncodedEntries = ReadonlyMap<string, Buffer>;

/** The bytes of a store file's values: held, or read from the file as asked. */
interface ValueBytes {
  /** The bytes from `start` to `end` (offsets in the values). */
  slice(start: number, end: number): Buffer;
  /** Lets go of the file, if it is held open: no value can be read after. */
  close?(): void;
}

/**
 * The values of the store files read, by key, each where it lies in its file's values: its bytes
 * are taken when a value is asked for, not one per entry of every file read (a warm run asks for
 * few of the tens of thousands).
 */
class StoredEntries {
  /** Key -> where its value lies: the file's index times `SLOTS_PER_FILE`, plus the value's index there. */
  readonly #slots = new Map<string, number>();
  readonly #files: Array<{ values: ValueBytes; ends: Uint32Array }> = [];

  /** Adds the values of one file, later files over earlier ones. */
  add(values: ValueBytes, keys: readonly string[], ends: Uint32Array): void {
    const base = this.#files.length * SLOTS_PER_FILE;
    this.#files.push({ values, ends });
    for (let index = 0; index < keys.length; index++) this.#slots.set(keys[index]!, base + index);
  }

  has(key: string): boolean {
    return this.#slots.has(key);
  }

  get(key: string): Buffer | undefined {
    const slot = this.#slots.get(key);
    if (slot === undefined) return undefined;
    const { values, ends } = this.#files[Math.floor(slot / SLOTS_PER_FILE)]!;
    const index = slot % SLOTS_PER_FILE;
    return values.slice(index === 0 ? 0 : ends[index - 1]!, ends[index]!);
  }

  keys(): IterableIterator<string> {
    return this.#slots.keys();
  }

  /** Lets go of the files read as asked. */
  close(): void {
    for (const { values } of this.#files) values.close?.();
  }

  *entries(): Generator<[string, Buffer]> {
    for (const key of this.#slots.keys()) yield [key, this.get(key)!];
  }
}

/** Values one store file may hold: slots stay small integers for a store and a few journals. */
const SLOTS_PER_FILE = 2 ** 24;

function encodeStore(version: string, entries: EncodedEntries): Buffer {
  const ends = new Uint32Array(entries.size);
  let end = 0;
  let index = 0;
  for (const value of entries.values()) ends[index++] = end += value.length;
  const header = serialize({ format: FORMAT, version, keys: [...entries.keys()], ends } satisfies StoredHeader);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([length, header, ...entries.values()]);
}

const CACHE_FILES = ['facts.bin', 'fingerprints.bin', 'resolutions.bin', 'pieces.bin', 'skims.bin', 'fact-bodies.bin', 'piece-bodies.bin', 'outlines.bin', 'ledgers.bin'];

/** Piece ledgers kept: the two sides of a check, on two branches. */
const LEDGERS_KEPT = 4;

/**
 * Removes the cache in `dir`: only the files blast writes there, then the folder if that left
 * it empty, so a mistaken `--cache-dir` can never delete anything else. Returns whether there
 * was a cache.
 */
export async function clearGraphCache(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => undefined);
  if (names === undefined) return false;
  const files = [...CACHE_FILES, COMPILER_CODE_FILE];
  const ours = names.filter((name) => files.includes(name) || files.some((file) => name.startsWith(`${file}.`) && (name.endsWith('.tmp') || name.endsWith('.log'))));
  await Promise.all(ours.map((name) => rm(join(dir, name), { force: true })));
  await rmdir(dir).catch(() => undefined);
  return ours.length > 0;
}

/**
 * A stored summary as the graph reads it. One of another shape (a cache written by other code)
 * stands for a file whose surface is unknown: the blob stands in, as for a file without facts,
 * so every piece that consulted it is checked by its stamps and built again.
 */
function summaryOf(stored: FileSummary | undefined, blob: string): FileSummary {
  return typeof stored?.surface === 'string' && typeof stored.ownExports === 'string' ? stored : { surface: `blob ${blob}`, ownExports: `blob ${blob}` };
}

/** A cache that remembers nothing, not even within a run (graphs of one-off trees). */
export function disabledCache(): GraphCache {
  return {
    skim: () => undefined,
    hasSkim: () => false,
    storeSkim: () => {},
    facts: () => undefined,
    hasFacts: () => false,
    storeFacts: (_path, _blob, facts) => heldFacts(facts),
    derived: () => [],
    storeDerived: () => {},
    variant: () => undefined,
    ledger: () => undefined,
    storeLedger: () => {},
    fingerprints: () => undefined,
    storeFingerprints: () => {},
    snapshot: () => undefined,
    storeSnapshot: () => {},
    flush: async () => {},
    close: () => {},
  };
}

/**
 * The cache in `dir` for blast `version`; entries of other versions are never read.
 * `onSkims` is told, once the skims are read and before the rest is, whether the cache holds a
 * file's skim: a file it does not hold is read, and the thread that reads it can start then.
 */
export async function openGraphCache(dir: string, version: string, onSkims?: (held: (path: string, blob: string) => boolean) => void): Promise<GraphCache> {
  return openCache(dir, version, onSkims);
}

/**
 * A cache that lives as long as one run and is never read or written on disk (`--no-cache`):
 * the two sides of a check still share what they have in common, parsed once.
 */
export async function memoryCache(): Promise<GraphCache> {
  return openCache(undefined, '');
}

async function openCache(dir: string | undefined, version: string, onSkims?: (held: (path: string, blob: string) => boolean) => void): Promise<GraphCache> {
  const [factsFile, printsFile, snapshotsFile, piecesFile, skimsFile, factBodiesFile, pieceBodiesFile, outlinesFile, ledgersFile] = CACHE_FILES.map((name) => (dir === undefined ? undefined : join(dir, name)));
  // Read at once: each store is a file and its journals. What a warm run may read of thousands
  // of files (skims, facts' summaries, pieces' validities and outlines) is JSON, which decodes
  // plain data about twice as fast as `v8.deserialize` does value by value; the bodies, in
  // stores of their own, are decoded for the few files the run reads.
  const key = (path: string, blob: string) => `${path}\u0000${blob}`;
  const skimsRead = openStore<FileSkim>(skimsFile, version, 'json');
  if (onSkims) void skimsRead.then((skims) => onSkims((path, blob) => skims.touch(key(path, blob)))).catch(() => undefined);
  const [factsStore, printStore, snapshotStore, pieceStore, skimStore, factBodies, pieceBodies, outlineStore, ledgerStore] = await Promise.all([
    openStore<FileSummary>(factsFile, version, 'json'),
    openStore<Array<[string, SymbolFingerprint]>>(printsFile, version, 'v8'),
    openStore<ProjectSnapshot>(snapshotsFile, version, 'v8', 'as asked'),
    openStore<Array<DerivedValidity & { body: string }>>(piecesFile, version, 'json'),
    skimsRead,
    openStore<Buffer>(factBodiesFile, version, 'raw', 'as asked'),
    openStore<Buffer>(pieceBodiesFile, version, 'raw', 'as asked'),
    openStore<unknown>(outlinesFile, version, 'json', 'as asked'),
    openStore<unknown>(ledgersFile, version, 'v8', 'as asked'),
  ]);
  const decoded = new Map<string, FileFacts>();
  // A derived value's variants are listed under `kind\0path\0blob`; a variant's body and outline
  // under that and its id.
  const derivedKey = (kind: keyof Derived, path: string, blob: string) => `${kind}\u0000${key(path, blob)}`;
  const bodyKey = (storeKey: string, id: string) => `${storeKey}\u0000${id}`;
  const lazyVariant = <K extends keyof Derived>(body: string) => ({
    outline: () => outlineStore.get(body),
    load: () => deserialize(pieceBodies.get(body)!) as Derived[K],
  });
  return {
    skim: (path, blob) => {
      const stored = skimStore.get(key(path, blob));
      // An entry of another shape (a cache written by other code) is a miss, never a crash.
      return Array.isArray(stored?.specifiers) && Array.isArray(stored.reExports) && Array.isArray(stored.stars) && typeof stored.passesImports === 'boolean' && (stored.unread === undefined || Array.isArray(stored.unread)) ? stored : undefined;
    },
    hasSkim: (path, blob) => skimStore.touch(key(path, blob)),
    storeSkim: (path, blob, skim) => skimStore.set(key(path, blob), skim),
    facts: (path, blob) => {
      const factsKey = key(path, blob);
      // Held, decoded when read: a warm run makes sure thousands of files have facts, and reads few.
      if (!factsStore.touch(factsKey) || !factBodies.touch(factsKey)) return undefined;
      let summary: FileSummary | undefined;
      const load = () => {
        const known = decoded.get(factsKey);
        if (known) return known;
        const facts = deserialize(factBodies.get(factsKey)!) as FileFacts;
        decoded.set(factsKey, facts);
        return facts;
      };
      return {
        get summary() {
          return (summary ??= summaryOf(factsStore.get(factsKey), blob));
        },
        load,
      };
    },
    hasFacts: (path, blob) => {
      const factsKey = key(path, blob);
      return factsStore.touch(factsKey) && factBodies.touch(factsKey);
    },
    storeFacts: (path, blob, facts) => {
      decoded.set(key(path, blob), facts);
      const summary = summarize(facts);
      factsStore.set(key(path, blob), summary);
      factBodies.set(key(path, blob), serialize(facts));
      return { summary, load: () => facts };
    },
    derived: <K extends keyof Derived>(kind: K, path: string, blob: string) => {
      const storeKey = derivedKey(kind, path, blob);
      const stored = pieceStore.get(storeKey);
      if (!Array.isArray(stored)) return [];
      return stored.flatMap((variant) =>
        typeof variant?.signature === 'string' && Array.isArray(variant.consulted) && typeof variant.stamps === 'string' && typeof variant.body === 'string' && pieceBodies.touch(variant.body)
          ? [
              {
                id: variant.body.slice(storeKey.length + 1),
                signature: variant.signature,
                consulted: variant.consulted,
                stamps: variant.stamps,
                ...lazyVariant<K>(variant.body),
                renew: (signature: string) => {
                  const others = (pieceStore.get(storeKey) ?? []).filter((other) => other.signature !== signature);
                  pieceStore.set(storeKey, [{ ...variant, signature }, ...others].slice(0, DERIVED_VARIANTS));
                },
              },
            ]
          : [],
      );
    },
    // Encoded now: the graph assembled from a piece may upgrade its edges' kinds later.
    storeDerived: (kind, path, blob, value, validity, outline) => {
      const storeKey = derivedKey(kind, path, blob);
      const others = pieceStore.get(storeKey);
      // Named by the signature it was made under: a renewed variant keeps its body.
      const body = bodyKey(storeKey, validity.signature);
      pieceBodies.set(body, serialize(value));
      if (outline !== undefined) outlineStore.set(body, outline);
      const variant = { ...validity, body };
      pieceStore.set(storeKey, [variant, ...(Array.isArray(others) ? others.slice(0, DERIVED_VARIANTS - 1) : [])]);
    },
    variant: <K extends keyof Derived>(kind: K, path: string, blob: string, id: string) => {
      const body = bodyKey(derivedKey(kind, path, blob), id);
      return pieceBodies.touch(body) ? lazyVariant<K>(body) : undefined;
    },
    ledger: (snapshotKey) => ledgerStore.get(snapshotKey),
    storeLedger: (snapshotKey, ledger) => ledgerStore.set(snapshotKey, ledger),
    fingerprints: (path, blob) => {
      const stored = printStore.get(key(path, blob));
      return stored ? new Map(stored) : undefined;
    },
    storeFingerprints: (path, blob, fingerprints) => printStore.set(key(path, blob), [...fingerprints]),
    snapshot: (snapshotKey) => {
      const snapshot = snapshotStore.get(snapshotKey);
      // Another shape (a cache written by other code) is a miss, never a crash.
      return typeof snapshot?.imports === 'object' && snapshot.imports !== null && Array.isArray(snapshot.warnings) ? snapshot : undefined;
    },
    storeSnapshot: (snapshotKey, snapshot) => snapshotStore.set(snapshotKey, snapshot),
    flush: async () => {
      if (dir === undefined) return;
      await mkdir(dir, { recursive: true }).catch(() => undefined);
      // Live: entries of the files this run skimmed, which are every file of the trees it read.
      const skimmed = skimStore.used();
      const isLive = (key: string) => skimmed.has(key);
      // A piece's key is `kind\0path\0blob` (`derivedKey`), its body's and outline's that and `\0id`.
      const isLivePiece = (key: string) => isLive(key.slice(key.indexOf('\u0000') + 1));
      const isLiveBody = (key: string) => isLivePiece(key.slice(0, key.lastIndexOf('\u0000')));
      await Promise.all([
        skimStore.flush(),
        factsStore.flush({ isLive }),
        factBodies.flush({ isLive }),
        printStore.flush({ isLive }),
        pieceStore.flush({ isLive: isLivePiece }),
        pieceBodies.flush({ isLive: isLiveBody }),
        outlineStore.flush({ isLive: isLiveBody }),
        snapshotStore.flush({ keepOnly: 8 }),
        ledgerStore.flush({ keepOnly: LEDGERS_KEPT }),
      ]);
    },
    close: () => {
      for (const store of [factsStore, printStore, snapshotStore, pieceStore, skimStore, factBodies, pieceBodies, outlineStore, ledgerStore]) store.close();
    },
  };
}

interface Store<T> {
  get(key: string): T | undefined;
  /** The keys this run read, touched or wrote. */
  used(): ReadonlySet<string>;
  /** Whether the store holds a key; a held key is kept like one read, though nothing is decoded. */
  touch(key: string): boolean;
  set(key: string, value: T): void;
  /** Lets go of the files read as asked. */
  close(): void;
  /**
   * `keepOnly`: keep only the newest entries; `isLive`: entries a later run is likely to want,
   * though this one did not read them, kept when the journals are folded.
   */
  flush(options?: { keepOnly?: number; isLive?: (key: string) => boolean }): Promise<void>;
}

/** Journals past this many are folded, into one journal or into the main file (see `openStore`), by the run that writes the next. */
const JOURNALS_BEFORE_COMPACTION = 8;

/**
 * How a store's values are encoded: `json` for plain data read by the thousand, `v8` for values
 * JSON cannot hold (maps), `raw` for bytes already encoded (bodies decoded one by one when read).
 */
type Encoding = 'json' | 'v8' | 'raw';

const codecs: Record<Encoding, { encode(value: unknown): Buffer; decode(bytes: Buffer): unknown }> = {
  json: { encode: (value) => Buffer.from(JSON.stringify(value)), decode: (bytes) => JSON.parse(bytes.toString()) },
  v8: { encode: serialize, decode: deserialize },
  raw: { encode: (value) => value as Buffer, decode: (bytes) => bytes },
};

/**
 * A store: a main file plus journals, each run's additions in a file of their own, so that a
 * run adding a few entries writes a few entries, not the whole cache. Every few runs one folds
 * the journals: into one journal while they are small beside the main file, else into the main
 * file. Readers merge them in order, later wins. A value is decoded when first asked for; one
 * that cannot be decoded is a miss.
 */
async function openStore<T>(file: string | undefined, version: string, encoding: T extends Buffer ? 'raw' : Exclude<Encoding, 'raw'>, reading: Reading = 'whole'): Promise<Store<T>> {
  const codec = codecs[encoding];
  const { entries } = file === undefined ? { entries: new StoredEntries() } : await loadWithJournals(file, version, reading);
  const used = new Set<string>();
  const added = new Map<string, T>();
  const decoded = new Map<string, T | undefined>();
  const decode = (key: string): T | undefined => {
    if (!decoded.has(key)) {
      const encoded = entries.get(key);
      let value: T | undefined;
      try {
        value = encoded === undefined ? undefined : (codec.decode(encoded) as T);
      } catch {
        value = undefined;
      }
      decoded.set(key, value);
    }
    return decoded.get(key);
  };
  const encodeAdded = (): EncodedEntries => new Map([...added].map(([key, value]) => [key, codec.encode(value)]));
  return {
    get(key) {
      const value = added.get(key) ?? decode(key);
      if (value !== undefined) used.add(key);
      return value;
    },
    used: () => used,
    touch(key) {
      const held = added.has(key) || entries.has(key);
      if (held) used.add(key);
      return held;
    },
    set(key, value) {
      added.set(key, value);
      used.add(key);
    },
    close: () => entries.close(),
    async flush(options = {}) {
      if (added.size === 0 || file === undefined) return;
      // A journal needs only to know how many there are; the contents are read to fold them.
      const journals = await journalsOf(file);
      if (options.keepOnly === undefined && journals.length + 1 < JOURNALS_BEFORE_COMPACTION) {
        await writeAtomically(journalPath(file), encodeStore(version, encodeAdded()));
        return;
      }
      if (options.keepOnly === undefined && (await smallBeside(journals, file))) {
        // The journals folded into one, the main file left as it is: rewriting tens of megabytes
        // of bodies for a few kilobytes of edits would cost every eighth check a few tenths of a
        // second. The main file is rewritten, and what is gone dropped, once they have grown.
        const merged = new Map<string, Buffer>((await loadFiles(journals, version, 'whole')).entries());
        for (const [key, value] of encodeAdded()) merged.set(key, value);
        await replaceJournals(journalPath(file), version, merged, journals);
        return;
      }
      // Another blast may have written since this one read: keep its entries too.
      const current = await loadWithJournals(file, version, 'whole');
      // What another blast's fold dropped since this one read comes first, as the oldest; what
      // this run wrote goes last, as the newest (`keepOnly` keeps the newest). Only the values
      // of the former are taken from what this run read: a store read as asked reads them anew.
      const merged = new Map<string, Buffer>();
      for (const key of entries.keys()) if (!current.entries.has(key) && !added.has(key)) merged.set(key, entries.get(key)!);
      for (const [key, value] of current.entries.entries()) if (!added.has(key)) merged.set(key, value);
      for (const [key, value] of encodeAdded()) merged.set(key, value);
      // Entries of blobs long gone would grow the file forever: past twice what this run used,
      // keep only what it used and what is live (a check of one small change reads the entries
      // of few files, and the next check of a core module needs all the others). Snapshots:
      // only the latest few.
      let kept = merged;
      if (options.keepOnly !== undefined) kept = new Map([...merged].slice(-options.keepOnly));
      else if (merged.size > Math.max(2 * used.size, 1000)) kept = new Map([...merged].filter(([key]) => used.has(key) || options.isLive?.(key) === true));
      await replaceJournals(file, version, kept, current.journals);
    },
  };
}

/**
 * Writes `entries` to `target`, then removes the `journals` folded into them: only those, so a
 * journal written meanwhile stays for the next reader. Nothing is removed if the write failed.
 */
async function replaceJournals(target: string, version: string, entries: EncodedEntries, journals: readonly string[]): Promise<void> {
  if (await writeAtomically(target, encodeStore(version, entries))) await Promise.all(journals.map((journal) => rm(journal, { force: true }).catch(() => undefined)));
}

/** The journals of a store's main file, oldest first. */
async function journalsOf(file: string): Promise<string[]> {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => name.startsWith(prefix) && name.endsWith('.log')).sort().map((name) => join(dir, name));
}

/** A new journal's path: named by time, so that sorting the names orders them. */
function journalPath(file: string): string {
  return `${file}.${Date.now().toString(36).padStart(10, '0')}-${randomBytes(4).toString('hex')}.log`;
}

/** The main file's entries with every journal's on top, oldest first; and the journals read. */
async function loadWithJournals(file: string, version: string, reading: Reading): Promise<{ entries: StoredEntries; journals: string[] }> {
  const journals = await journalsOf(file);
  return { entries: await loadFiles([file, ...journals], version, reading), journals };
}

/** The entries of store files, each file's over those before it; files of another shape or version skipped. */
async function loadFiles(files: readonly string[], version: string, reading: Reading): Promise<StoredEntries> {
  const loaded = await Promise.all(files.map((file) => load(file, version, reading)));
  const entries = new StoredEntries();
  for (const read of loaded) if (read) entries.add(read.values, read.keys, read.ends);
  return entries;
}

/** Journals hold less than this share of what their main file holds while they are folded among themselves. */
const JOURNAL_SHARE = 4;

/** Whether `journals` together are small beside their main file (see `JOURNAL_SHARE`); not when there is none. */
async function smallBeside(journals: readonly string[], file: string): Promise<boolean> {
  const sizes = await Promise.all([file, ...journals].map((path) => stat(path).then((stats) => stats.size, () => 0)));
  const [main = 0, ...rest] = sizes;
  return rest.reduce((sum, size) => sum + size, 0) * JOURNAL_SHARE < main;
}

/**
 * How a store's files are read: `whole` into memory; `as asked`, only the header, the values'
 * bytes read from the file when asked for (the stores of bodies: tens of megabytes, of which a
 * warm run reads a few hundred values). The file stays open while the run may ask: a file
 * replaced or removed meanwhile (another blast folding the journals) is still the one read.
 */
type Reading = 'whole' | 'as asked';

/** A store file's keys and values, its header checked whole; none for a file of another shape, format or version, or cut short. */
async function load(file: string, version: string, reading: Reading): Promise<Pick<StoredHeader, 'keys' | 'ends'> & { values: ValueBytes } | undefined> {
  let fd: number | undefined;
  try {
    let bytes: Buffer;
    let size: number;
    if (reading === 'whole') {
      bytes = await readFile(file);
      size = bytes.length;
    } else {
      fd = openSync(file, 'r');
      size = fstatSync(fd).size;
      bytes = readAt(fd, 0, 4);
      // A header said to be longer than the file (the bytes of another format) is not read.
      const header = bytes.length === 4 ? bytes.readUInt32LE(0) : size;
      if (4 + header <= size) bytes = Buffer.concat([bytes, readAt(fd, 4, header)]);
    }
    const headerEnd = bytes.length < 4 ? 0 : 4 + bytes.readUInt32LE(0);
    if (headerEnd === 0 || headerEnd > bytes.length) throw new Error('cut short');
    const stored = deserialize(bytes.subarray(4, headerEnd)) as Partial<StoredHeader> | undefined;
    if (stored?.format !== FORMAT || stored.version !== version) throw new Error('another format');
    const { keys, ends } = stored;
    if (!Array.isArray(keys) || !(ends instanceof Uint32Array) || keys.length !== ends.length || keys.length > SLOTS_PER_FILE) throw new Error('another shape');
    let start = 0;
    for (let index = 0; index < keys.length; index++) {
      const end = ends[index]!;
      if (typeof keys[index] !== 'string' || end < start) throw new Error('another shape');
      start = end;
    }
    if (headerEnd + start !== size) throw new Error('cut short');
    if (fd === undefined) {
      const data = bytes.subarray(headerEnd);
      return { keys, ends, values: { slice: (from, to) => data.subarray(from, to) } };
    }
    let open: number | undefined = fd;
    const values: ValueBytes = {
      slice: (from, to) => {
        if (open === undefined) throw new Error(`${file} is no longer open`);
        return readAt(open, headerEnd + from, to - from);
      },
      close: () => {
        if (open === undefined) return;
        openFiles.unregister(values);
        closeSync(open);
        open = undefined;
      },
    };
    // Closed by `GraphCache.close`, else once nothing can read from it any more.
    openFiles.register(values, fd, values);
    return { keys, ends, values };
  } catch {
    if (fd !== undefined) closeSync(fd);
    return undefined;
  }
}

/** `length` bytes of an open file from `position`; fewer at its end. */
function readAt(fd: number, position: number, length: number): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const count = readSync(fd, bytes, read, length - read, position + read);
    if (count === 0) break;
    read += count;
  }
  return bytes.subarray(0, read);
}

/** A store file read as asked is closed once nothing can ask for its values any more. */
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // closed already, by the process ending
  }
});

/** Writes through a temporary file and a rename; whether it worked (a cache that cannot be written is only slower). */
async function writeAtomically(file: string, data: Buffer): Promise<boolean> {
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
    return true;
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
    return false;
  }
}
