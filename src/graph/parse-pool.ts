// Worker threads that stay up for the whole run. A thread that starts loads the compiler (about
// a fifth of a second, a third of that from kept code) and runs its parser unoptimised for its
// first thousand files or so: a thread per batch paid both for every batch, and a cold run has
// several (the skim, then each level of the parse). Kept up, each thread pays them once and
// parses every later batch warm.
// Idle threads do not keep the process alive.
import { Worker } from 'node:worker_threads';
import { compilerCodeFolder } from '../compiler-cache.js';
import type { ParseDepth, ParsedFile, ParseJob } from './parse-files.js';

/** A thread's share of a batch. */
export interface PoolTask {
  id: number;
  jobs: readonly ParseJob[];
  depth: ParseDepth;
}

/**
 * Files whose facts a batch will likely ask for, sent while the main thread is busy elsewhere:
 * the thread parses them until a task comes and keeps their facts for it (see `prefetch`).
 */
export interface PoolPrefetch {
  id: number;
  prefetch: readonly ParseJob[];
}

/** What a thread sends back for a task. */
export type TaskReply = { id: number; parsed: ParsedFile[] } | { id: number; error: string };

/** What a thread sends back: a task's answer, or how many files it parsed of a prefetch before it stopped. */
export type PoolReply = TaskReply | { id: number; prefetched: number };

/** What a thread starts with: a counter of the tasks sent to it and not yet begun, shared with the pool. */
export interface PoolThreadData {
  queued: Int32Array;
  /** Where the compiler's code is kept (see `keepCompilerCode`). */
  compilerCode: string | undefined;
}

type Settle = (reply: TaskReply | Error) => void;

interface Thread {
  worker: Worker;
  /** Tasks sent and not begun: a prefetch stops once it is above zero. */
  queued: Int32Array;
  /** Tasks sent and not answered yet, in the order sent (a thread answers in that order). */
  pending: Map<number, Settle>;
  /** Prefetches not answered yet: how many files each parsed goes there (they keep no process alive). */
  prefetches: Map<number, (parsed: number) => void>;
}

export class ParsePool {
  readonly #threads: Thread[] = [];
  #nextId = 0;

  constructor(
    private readonly url: URL,
    private readonly limit: number,
  ) {}

  /** How many threads are up: while some are, a batch of any size costs less there than on the main thread. */
  get running(): number {
    return this.#threads.length;
  }

  /** Starts threads up to `threads` (and the pool's size): each loads the compiler, ready for the batches to come. */
  warm(threads: number): void {
    while (this.#threads.length < Math.min(threads, this.limit)) this.#threads.push(this.#start());
  }

  /**
   * Reads `jobs` to `depth` on `threads` threads (started as needed, up to the pool's size),
   * each given its share at once, of about equal text size: the main thread may be busy with
   * other work until they are done, so nothing waits on it to hand out more. A stop ends every
   * thread (a later batch starts new ones).
   */
  async run(jobs: readonly ParseJob[], depth: ParseDepth, threads: number, signal?: AbortSignal, onPart?: (parsed: ParsedFile[]) => void): Promise<ParsedFile[]> {
    if (signal?.aborted) throw new Error('parsing was stopped');
    this.warm(threads);
    const shares = balance(jobs, Math.min(threads, this.#threads.length));
    // The least loaded threads take the largest shares.
    const order = [...this.#threads].sort((a, b) => a.pending.size - b.pending.size);
    const stop = () => this.close();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      // Each share goes in parts, all sent at once: the answers come as each part is done, and
      // the caller may use them before the rest (a cold run resolves imports while it skims).
      let failed = false;
      const replies = await Promise.all(
        shares.flatMap((share, index) =>
          partsOf(share).map(async (part) => {
            const parsed = await this.#send(order[index]!, { id: this.#nextId++, jobs: part, depth });
            // A batch that failed hands on nothing more.
            if (!failed) onPart?.(parsed);
            return parsed;
          }),
        ),
      ).catch((error: unknown) => {
        // The other parts would run on unmanaged: the threads end with them (a later batch starts others).
        failed = true;
        this.close();
        throw error;
      });
      const byPath = new Map(replies.flat().map((parsed) => [parsed.path, parsed]));
      return jobs.map((job) => byPath.get(job.path)!);
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  /**
   * Has the running threads parse `jobs` while they have no task, keeping the facts for the
   * batches that follow (the same text gives the same facts): work for a core that would idle
   * while this thread resolves imports, and it warms their parsers up. Nothing waits for it; a
   * task stops it.
   */
  prefetch(jobs: readonly ParseJob[]): Promise<number> {
    const threads = this.#threads.filter((thread) => thread.pending.size === 0);
    // Dealt in turn, so that each thread starts with the files that come first.
    const counts = threads.map(
      (thread, index) =>
        new Promise<number>((resolve) => {
          const id = this.#nextId++;
          thread.prefetches.set(id, resolve);
          thread.worker.postMessage({ id, prefetch: jobs.filter((_, position) => position % threads.length === index) } satisfies PoolPrefetch);
        }),
    );
    return Promise.all(counts).then((parsed) => parsed.reduce((sum, count) => sum + count, 0));
  }

  /** Ends every thread; tasks in flight fail. */
  close(): void {
    for (const thread of [...this.#threads]) {
      this.#lose(thread, new Error('parsing was stopped'));
      void thread.worker.terminate();
    }
  }

  /** A thread failed, exited or was stopped: it leaves the pool, its tasks fail, its prefetches count nothing more. */
  #lose(thread: Thread, error: Error): void {
    const index = this.#threads.indexOf(thread);
    if (index >= 0) this.#threads.splice(index, 1);
    const settles = [...thread.pending.values()];
    const prefetches = [...thread.prefetches.values()];
    thread.pending.clear();
    thread.prefetches.clear();
    for (const settle of settles) settle(error);
    for (const done of prefetches) done(0);
  }

  #send(thread: Thread, task: PoolTask): Promise<ParsedFile[]> {
    return new Promise((resolve, reject) => {
      thread.pending.set(task.id, (reply) => (reply instanceof Error ? reject(reply) : 'error' in reply ? reject(new Error(reply.error)) : resolve(reply.parsed)));
      // A thread at work keeps the process alive until it answers; an idle one does not.
      thread.worker.ref();
      Atomics.add(thread.queued, 0, 1);
      thread.worker.postMessage(task);
    });
  }

  #start(): Thread {
    const queued = new Int32Array(new SharedArrayBuffer(4));
    const thread: Thread = { worker: new Worker(this.url, { workerData: { queued, compilerCode: compilerCodeFolder() } satisfies PoolThreadData }), queued, pending: new Map(), prefetches: new Map() };
    thread.worker.on('message', (reply: PoolReply) => {
      if ('prefetched' in reply) {
        thread.prefetches.get(reply.id)?.(reply.prefetched);
        thread.prefetches.delete(reply.id);
        return;
      }
      const settle = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) thread.worker.unref();
      settle?.(reply);
    });
    // A thread that failed or exited is gone; later batches start others.
    thread.worker.on('error', (error) => this.#lose(thread, error));
    thread.worker.on('exit', (code) => this.#lose(thread, new Error(`a parse worker exited with code ${code}`)));
    thread.worker.unref();
    return thread;
  }
}

/** Files in one message to a thread, at most. */
const PART_SIZE = 500;

function partsOf(share: readonly ParseJob[]): ParseJob[][] {
  const parts: ParseJob[][] = [];
  for (let start = 0; start < share.length; start += PART_SIZE) parts.push(share.slice(start, start + PART_SIZE));
  return parts;
}

/**
 * Shares of about equal text size, so no thread is left with all the large files (the largest
 * are dealt first). Each share keeps the order of `jobs`: its first part, of files of all sizes,
 * comes back as soon as any part could.
 */
function balance(jobs: readonly ParseJob[], count: number): ParseJob[][] {
  const shares: number[][] = Array.from({ length: count }, () => []);
  const sizes = new Array<number>(count).fill(0);
  const bySize = jobs.map((_, index) => index).sort((a, b) => jobs[b]!.text.length - jobs[a]!.text.length);
  for (const index of bySize) {
    const smallest = sizes.indexOf(Math.min(...sizes));
    shares[smallest]!.push(index);
    sizes[smallest]! += jobs[index]!.text.length;
  }
  return shares.filter((share) => share.length > 0).map((share) => share.sort((a, b) => a - b).map((index) => jobs[index]!));
}
