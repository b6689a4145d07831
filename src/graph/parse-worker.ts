// A worker thread: facts of its batch of files (and their fingerprints, when asked), sent back as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { extractFacts } from './extract-facts.js';
import { describeSource } from './fingerprint.js';
import type { ParsedFile, WorkerBatch } from './parse-files.js';

const { jobs, fingerprints } = workerData as WorkerBatch;
parentPort?.postMessage(jobs.map((job): ParsedFile => (fingerprints ? describeSource(job.path, job.text, job.kind) : { facts: extractFacts(job.path, job.text, job.kind) })));
