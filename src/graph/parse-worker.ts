// A thread of the parse pool: each task's files read to the depth asked (see `ParseDepth`), sent
// back as plain data; between tasks, the files of a prefetch parsed ahead (see `ParsePool.prefetch`).
import { parentPort, workerData } from 'node:worker_threads';
import { keepCompilerCode } from '../compiler-cache.js';
import type { FileFacts } from '../types.js';
import type { ParseJob } from './parse-files.js';
import type { PoolPrefetch, PoolReply, PoolTask, PoolThreadData } from './parse-pool.js';

const { queued, compilerCode } = workerData as PoolThreadData;
// The compiler loads with the reader, from the code the cache keeps: told where before it loads.
keepCompilerCode(compilerCode);
const { readSource } = await import('./read-source.js');
/** Facts parsed ahead, by path, with the text they were parsed from. */
const ahead = new Map<string, { text: string; facts: FileFacts }>();

parentPort?.on('message', (message: PoolTask | PoolPrefetch) => {
  if ('prefetch' in message) return parentPort!.postMessage({ id: message.id, prefetched: prefetch(message.prefetch) } satisfies PoolReply);
  Atomics.sub(queued, 0, 1);
  const { id, jobs, depth } = message;
  let reply: PoolReply;
  try {
    reply = { id, parsed: jobs.map((job) => (depth === 'facts' ? parsedAhead(job) : undefined) ?? readSource(job, depth)) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});

function parsedAhead(job: ParseJob): { path: string; facts: FileFacts } | undefined {
  const known = ahead.get(job.path);
  return known?.text === job.text ? { path: job.path, facts: known.facts } : undefined;
}

/** Parses `jobs` ahead until a task waits; returns how many it parsed. */
function prefetch(jobs: readonly ParseJob[]): number {
  let parsed = 0;
  for (const job of jobs) {
    // A task waits: it comes first.
    if (Atomics.load(queued, 0) > 0) break;
    if (ahead.has(job.path)) continue;
    try {
      ahead.set(job.path, { text: job.text, facts: readSource(job, 'facts').facts! });
      parsed++;
    } catch {
      // Parsed again when a task asks for it, and the failure reported then.
    }
  }
  return parsed;
}
