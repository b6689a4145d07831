import { extractFacts } from './extract-facts.js';
import { describeSource } from './fingerprint.js';
import type { ParseDepth, ParsedFile, ParseJob } from './parse-files.js';
import { skimSource } from './skim.js';

/** One file read to `depth` (see `ParseDepth`), on whatever thread runs it. */
export function readSource(job: ParseJob, depth: ParseDepth): ParsedFile {
  if (depth === 'facts') return { path: job.path, facts: extractFacts(job.path, job.text, job.kind) };
  const skim = skimSource(job.text, job.kind);
  if (depth === 'skim') return { path: job.path, skim };
  if (depth === 'skim+facts') return { path: job.path, skim, facts: extractFacts(job.path, job.text, job.kind) };
  return { path: job.path, skim, ...describeSource(job.path, job.text, job.kind) };
}
