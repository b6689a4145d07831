// A thread of the parse pool: each task's files read to the depth asked (see `ParseDepth`), sent back as plain data.
import { parentPort } from 'node:worker_threads';
import type { PoolReply, PoolTask } from './parse-pool.js';
import { readSource } from './read-source.js';

parentPort?.on('message', ({ id, jobs, depth }: PoolTask) => {
  let reply: PoolReply;
  try {
    reply = { id, parsed: jobs.map((job) => readSource(job, depth)) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
