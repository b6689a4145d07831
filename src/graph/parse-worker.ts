// A worker thread of a cold run: facts of its batch of files, sent back as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { extractFacts } from './extract-facts.js';
import type { ParseJob } from './parse-files.js';

const jobs = workerData as ParseJob[];
parentPort?.postMessage(jobs.map((job) => extractFacts(job.path, job.text, job.kind)));
