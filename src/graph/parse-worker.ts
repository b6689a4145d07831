// A worker thread: its batch of files read to the depth asked (see `ParseDepth`), sent back as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerBatch } from './parse-files.js';
import { readSource } from './read-source.js';

const { jobs, depth } = workerData as WorkerBatch;
parentPort?.postMessage(jobs.map((job) => readSource(job, depth)));
