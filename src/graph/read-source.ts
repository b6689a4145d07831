import { extractFacts } from './extract-facts.js';
import { unreadBy } from './file-summary.js';
import { describeSource } from './fingerprint.js';
import type { ParseDepth, ParsedFile, ParseJob } from './parse-files.js';
import { skimSource, type FileSkim } from './skim.js';
import type { FileFacts } from '../types.js';

/**
 * One file read to `depth` (see `ParseDepth`), on whatever thread runs it. A skim read beside
 * the facts notes what they name that it did not read.
 */
export function readSource(job: ParseJob, depth: ParseDepth): ParsedFile {
  if (depth === 'facts') return { path: job.path, facts: extractFacts(job.path, job.text, job.kind) };
  const skim = skimSource(job.text, job.kind);
  if (depth === 'skim') return { path: job.path, skim };
  if (depth === 'skim+facts') {
    const facts = extractFacts(job.path, job.text, job.kind);
    return { path: job.path, skim: noting(skim, facts), facts };
  }
  const described = describeSource(job.path, job.text, job.kind);
  return { path: job.path, skim: noting(skim, described.facts), ...described };
}

function noting(skim: FileSkim, facts: FileFacts): FileSkim {
  const unread = unreadBy(skim.specifiers.map(({ specifier }) => specifier), facts);
  return unread.length === 0 ? skim : { ...skim, unread };
}
