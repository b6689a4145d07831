import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileFacts, ScriptKind, SymbolFingerprint } from '../types.js';
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
   * workers goes to one.
   */
  beside?: boolean;
  /** Stops the workers: the command that wanted the facts has ended without them. */
  signal?: AbortSignal;
  /** Called once the work no longer needs this thread (the workers are started). */
  onStarted?: () => void;
}

/** A worker's share of the work. */
export interface WorkerBatch {
  jobs: readonly ParseJob[];
  depth: ParseDepth;
}

/** Below this many files, starting workers (each loads the compiler) costs more than it saves. */
export const WORKER_THRESHOLD = 400;

/**
 * Reads many files to `depth`. A cold run on a large repository reads in worker threads, one
 * per core (each keeps facts, not syntax trees, and sends them back); small batches, unless
 * `beside`, and runs from source where no compiled worker exists, read here. The compiler is
 * loaded only when something is read, so a warm run never pays for it.
 */
export async function parseFiles(jobs: readonly ParseJob[], depth: ParseDepth, options: ParseOptions = {}): Promise<ParsedFile[]> {
  const workerUrl = new URL('./parse-worker.js', import.meta.url);
  const cores = availableParallelism();
  if (jobs.length === 0 || (jobs.length < WORKER_THRESHOLD && options.beside !== true) || cores < 2 || !existsSync(fileURLToPath(workerUrl))) {
    // Here, on this thread: it is free for other work only once this is done.
    try {
      if (options.signal?.aborted) throw new Error('parsing was stopped');
      if (jobs.length === 0) return [];
      const { readSource } = await import('./read-source.js');
      return jobs.map((job) => readSource(job, depth));
    } finally {
      options.onStarted?.();
    }
  }
  const batches = jobs.length < WORKER_THRESHOLD ? [jobs] : balance(jobs, Math.min(cores, 8));
  const working = batches.map((batch) => parseInWorker(workerUrl, { jobs: batch, depth }, options.signal));
  options.onStarted?.();
  const results = await Promise.all(working);
  const byPath = new Map(results.flat().map((parsed) => [parsed.path, parsed]));
  return jobs.map((job) => byPath.get(job.path)!);
}

/** Batches of about equal text size, so no worker is left with all the large files. */
function balance(jobs: readonly ParseJob[], count: number): ParseJob[][] {
  const batches: ParseJob[][] = Array.from({ length: count }, () => []);
  const sizes = new Array<number>(count).fill(0);
  for (const job of [...jobs].sort((a, b) => b.text.length - a.text.length)) {
    const smallest = sizes.indexOf(Math.min(...sizes));
    batches[smallest]!.push(job);
    sizes[smallest]! += job.text.length;
  }
  return batches.filter((batch) => batch.length > 0);
}

function parseInWorker(url: URL, batch: WorkerBatch, signal: AbortSignal | undefined): Promise<ParsedFile[]> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('parsing was stopped'));
    const worker = new Worker(url, { workerData: batch });
    const stop = () => void worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    worker.once('exit', () => signal?.removeEventListener('abort', stop));
    worker.once('message', (parsed: ParsedFile[]) => {
      resolve(parsed);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a parse worker exited with code ${code}`));
    });
  });
}
