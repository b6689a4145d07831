import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileFacts, Resolution, SymbolFingerprint } from '../types.js';
import { summarize, type FileSummary } from './file-summary.js';

/**
 * What blast remembers between runs (DESIGN §8): per-file facts and fingerprints by path and
 * git blob id (the same bytes at the same path give the same facts), and resolutions by the
 * project snapshot they were computed in (tsconfigs, manifests and the file list).
 *
 * One file per kind, read whole and written whole: atomically (a temporary file, then a
 * rename), so a reader never sees half a file and two blast processes at once can only lose
 * each other's additions, never corrupt the cache. Anything unreadable, truncated or written
 * by another version is ignored and rebuilt.
 */
/** Facts as the cache holds them: the summary at hand, the rest decoded on demand. */
export interface StoredFacts {
  summary: FileSummary;
  load(): FileFacts;
}

export interface GraphCache {
  facts(path: string, blob: string): StoredFacts | undefined;
  storeFacts(path: string, blob: string, facts: FileFacts): void;
  fingerprints(path: string, blob: string): ReadonlyMap<string, SymbolFingerprint> | undefined;
  storeFingerprints(path: string, blob: string, fingerprints: ReadonlyMap<string, SymbolFingerprint>): void;
  /** Resolutions known for one project snapshot, with the project's warnings. */
  snapshot(key: string): ProjectSnapshot | undefined;
  storeSnapshot(key: string, snapshot: ProjectSnapshot): void;
  /** Writes what this run added; never throws (a cache that cannot be written is only slower). */
  flush(): Promise<void>;
}

/** Module resolutions of one state of the project: `file\0specifier` to where it led. */
export interface ProjectSnapshot {
  resolutions: Map<string, Resolution>;
  warnings: string[];
}

/** Bumped whenever what is stored changes shape or meaning (the extractor's facts included). */
const FORMAT = 3;

interface StoredFile<T> {
  format: number;
  version: string;
  entries: Map<string, T>;
}

const CACHE_FILES = ['facts.bin', 'fingerprints.bin', 'resolutions.bin'];

/**
 * Removes the cache in `dir`: only the files blast writes there, then the folder if that left
 * it empty, so a mistaken `--cache-dir` can never delete anything else. Returns whether there
 * was a cache.
 */
export async function clearGraphCache(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => undefined);
  if (names === undefined) return false;
  const ours = names.filter((name) => CACHE_FILES.includes(name) || CACHE_FILES.some((file) => name.startsWith(`${file}.`) && name.endsWith('.tmp')));
  await Promise.all(ours.map((name) => rm(join(dir, name), { force: true })));
  await rmdir(dir).catch(() => undefined);
  return ours.length > 0;
}

/** A cache that remembers nothing (`--no-cache`). */
export function disabledCache(): GraphCache {
  return {
    facts: () => undefined,
    storeFacts: () => {},
    fingerprints: () => undefined,
    storeFingerprints: () => {},
    snapshot: () => undefined,
    storeSnapshot: () => {},
    flush: async () => {},
  };
}

/** The cache in `dir` for blast `version`; entries of other versions are never read. */
export async function openGraphCache(dir: string, version: string): Promise<GraphCache> {
  const [factsFile, printsFile, snapshotsFile] = CACHE_FILES.map((name) => join(dir, name)) as [string, string, string];
  const factsStore = await openStore<{ summary: FileSummary; encoded: Buffer }>(factsFile, version);
  const decoded = new Map<string, FileFacts>();
  const printStore = await openStore<Array<[string, SymbolFingerprint]>>(printsFile, version);
  const snapshotStore = await openStore<ProjectSnapshot>(snapshotsFile, version);
  const key = (path: string, blob: string) => `${path}\u0000${blob}`;
  return {
    facts: (path, blob) => {
      const stored = factsStore.get(key(path, blob));
      // An entry of another shape (a cache written by other code) is a miss, never a crash.
      if (!stored || !Array.isArray(stored.summary?.specifiers) || !Buffer.isBuffer(stored.encoded)) return undefined;
      const load = () => {
        const known = decoded.get(key(path, blob));
        if (known) return known;
        const facts = deserialize(stored.encoded) as FileFacts;
        decoded.set(key(path, blob), facts);
        return facts;
      };
      return { summary: stored.summary, load };
    },
    storeFacts: (path, blob, facts) => {
      decoded.set(key(path, blob), facts);
      factsStore.set(key(path, blob), { summary: summarize(facts), encoded: serialize(facts) });
    },
    fingerprints: (path, blob) => {
      const stored = printStore.get(key(path, blob));
      return stored ? new Map(stored) : undefined;
    },
    storeFingerprints: (path, blob, fingerprints) => printStore.set(key(path, blob), [...fingerprints]),
    snapshot: (snapshotKey) => snapshotStore.get(snapshotKey),
    storeSnapshot: (snapshotKey, snapshot) => snapshotStore.set(snapshotKey, snapshot),
    flush: async () => {
      await mkdir(dir, { recursive: true }).catch(() => undefined);
      await Promise.all([factsStore.flush(), printStore.flush(), snapshotStore.flush({ keepOnly: 4 })]);
    },
  };
}

interface Store<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  flush(options?: { keepOnly?: number }): Promise<void>;
}

async function openStore<T>(file: string, version: string): Promise<Store<T>> {
  const entries = await load<T>(file, version);
  const used = new Set<string>();
  const added = new Map<string, T>();
  return {
    get(key) {
      const value = added.get(key) ?? entries.get(key);
      if (value !== undefined) used.add(key);
      return value;
    },
    set(key, value) {
      added.set(key, value);
      used.add(key);
    },
    async flush(options = {}) {
      if (added.size === 0) return;
      // Another blast may have written since this one read: keep its entries too.
      const current = await load<T>(file, version);
      const merged = new Map([...entries, ...current, ...added]);
      // Entries of blobs long gone would grow the file forever: past twice what this run used,
      // keep only what it used. Snapshots: only the latest few.
      let kept = merged;
      if (options.keepOnly !== undefined) kept = new Map([...merged].slice(-options.keepOnly));
      else if (merged.size > Math.max(2 * used.size, 1000)) kept = new Map([...merged].filter(([key]) => used.has(key)));
      await writeAtomically(file, serialize({ format: FORMAT, version, entries: kept } satisfies StoredFile<T>));
    },
  };
}

async function load<T>(file: string, version: string): Promise<Map<string, T>> {
  try {
    const stored = deserialize(await readFile(file)) as Partial<StoredFile<T>> | undefined;
    if (stored?.format !== FORMAT || stored.version !== version || !(stored.entries instanceof Map)) return new Map();
    return stored.entries;
  } catch {
    return new Map();
  }
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
