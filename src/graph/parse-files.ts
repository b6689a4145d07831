import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileFacts, ScriptKind } from '../types.js';

export interface ParseJob {
  path: string;
  text: string;
  kind: ScriptKind;
}

/** Below this many files, starting workers (each loads the compiler) costs more than it saves. */
const WORKER_THRESHOLD = 400;

/**
 * Facts of many files. A cold run on a large repository parses in worker threads, one per
 * core (each keeps facts, not syntax trees, and sends them back); small batches, and runs from
 * source where no compiled worker exists, parse here. The compiler is loaded only when
 * something is parsed, so a warm run never pays for it.
 */
export async function extractAllFacts(jobs: readonly ParseJob[]): Promise<FileFacts[]> {
  if (jobs.length === 0) return [];
  const workerUrl = new URL('./parse-worker.js', import.meta.url);
  const cores = availableParallelism();
  if (jobs.length < WORKER_THRESHOLD || cores < 2 || !existsSync(fileURLToPath(workerUrl))) {
    const { extractFacts } = await import('./extract-facts.js');
    return jobs.map((job) => extractFacts(job.path, job.text, job.kind));
  }
  const batches = balance(jobs, Math.min(cores, 8));
  const results = await Promise.all(batches.map((batch) => parseInWorker(workerUrl, batch)));
  const byPath = new Map(results.flat().map((facts) => [facts.path, facts]));
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

function parseInWorker(url: URL, batch: readonly ParseJob[]): Promise<FileFacts[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: batch });
    worker.once('message', (facts: FileFacts[]) => {
      resolve(facts);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a parse worker exited with code ${code}`));
    });
  });
}
