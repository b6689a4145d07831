import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { FileFacts, ScriptKind, SymbolFingerprint } from '../types.js';
import { ParsePool } from './parse-pool.js';
import type { FileSkim } from './skim.js';

export interface ParseJob {
  path: string;
  text: string;
  kind: ScriptKind;
}

/**
 * What to read of a file: `skim` what it names of other modules (the scanner alone), `facts`
 * parses it (its skim is known), `skim+facts` both, `described` both and the fingerprints of
 * its symbols (for the changed files).
 */
export type ParseDepth = 'skim' | 'facts' | 'skim+facts' | 'described';

/** What reading a file gives, as `ParseDepth` asked. */
export interface ParsedFile {
  path: string;
  skim?: FileSkim;
  facts?: FileFacts;
  fingerprints?: Map<string, SymbolFingerprint>;
}

export interface ParseOptions {
  /**
   * Read in workers whatever the number of files, while this thread goes on with other work:
   * loading the compiler takes another core, not this one. A batch too small for several
   * workers goes to one, unless several are up already.
   */
  beside?: boolean;
  /** Stops the workers: the command that wanted the facts has ended without them. */
  signal?: AbortSignal;
  /** Called once the work no longer needs this thread (the workers are started). */
  onStarted?: () => void;
  /** Called with each part of the answer as it comes (every file in exactly one part), before the whole. */
  onPart?: (parsed: ParsedFile[]) => void;
}

/** Below this many files, starting workers (each loads the compiler) costs more than it saves. */
export const WORKER_THRESHOLD = 400;

let pool: ParsePool | undefined;

/**
 * Reads many files to `depth`. A cold run on a large repository reads in worker threads, one
 * per core beside this one, kept up for the run (see `ParsePool`; each keeps facts, not syntax
 * trees, and sends them back); small batches, unless `beside` or the threads are up already,
 * and runs from source where no compiled worker exists, read here. The compiler is loaded only
 * when something is read, so a warm run never pays for it.
 */
export async function parseFiles(jobs: readonly ParseJob[], depth: ParseDepth, options: ParseOptions = {}): Promise<ParsedFile[]> {
  const wanted = jobs.length >= WORKER_THRESHOLD || options.beside === true || parseThreadsUp();
  if (jobs.length === 0 || !wanted || !threadsPossible()) {
    // Here, on this thread: it is free for other work only once this is done.
    try {
      if (options.signal?.aborted) throw new Error('parsing was stopped');
      if (jobs.length === 0) return [];
      const { readSource } = await import('./read-source.js');
      const parsed = jobs.map((job) => readSource(job, depth));
      options.onPart?.(parsed);
      return parsed;
    } finally {
      options.onStarted?.();
    }
  }
  // One thread per core but the main thread's: it lays out the project and resolves imports
  // while the threads read, and a thread more on a core already busy costs more than it adds
  // (each starts the compiler and optimises its parser anew).
  pool ??= newPool();
  // A batch too small for several threads goes to one, unless several are up already.
  const threads = jobs.length < WORKER_THRESHOLD ? Math.max(1, pool.running) : availableParallelism() - 1;
  const parsed = pool.run(jobs, depth, threads, options.signal, options.onPart);
  options.onStarted?.();
  return parsed;
}

const workerUrl = new URL('./parse-worker.js', import.meta.url);

/** Whether reading can go to threads: another core, and a compiled worker (not when run from source). */
function threadsPossible(): boolean {
  return availableParallelism() >= 2 && existsSync(fileURLToPath(workerUrl));
}

function newPool(): ParsePool {
  return new ParsePool(workerUrl, Math.min(availableParallelism() - 1, 8));
}

/**
 * Starts a parse thread now, for a run that will most likely parse (work not committed yet: its
 * blobs are new): the thread loads the compiler, on another core, while this one asks git and
 * reads the cache, instead of after.
 */
export function startParseThread(): void {
  if (!threadsPossible()) return;
  try {
    pool ??= newPool();
    pool.warm(1);
  } catch {
    // Only an early start failed: the parse, when it comes, starts the thread or reads here.
  }
}

/** Ends the parse threads, freeing their memory: for when nothing more will be parsed (a later batch starts others). */
export function stopParseThreads(): void {
  pool?.close();
}

/** Whether parse threads are up (a cold run's): only they can parse ahead. */
export function parseThreadsUp(): boolean {
  return pool !== undefined && pool.running > 0;
}

/**
 * Hands files to the running parse threads to parse while they have nothing else to do (see
 * `ParsePool.prefetch`), first files first; without running threads, nothing.
 */
export function prefetchFacts(jobs: readonly ParseJob[]): void {
  if (parseThreadsUp() && jobs.length > 0) void pool!.prefetch(jobs);
}
