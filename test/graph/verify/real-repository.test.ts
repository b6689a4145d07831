// verify on a real checkout, only when asked: BLAST_VERIFY_REPO=/path/to/repo npx vitest run test/graph/verify/real-repository
// (BLAST_VERIFY_SAMPLE, BLAST_VERIFY_SEED, BLAST_VERIFY_OUT to write the whole report as JSON).
import { writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { verifyGraph } from '../../../src/graph/verify/index.js';
import { listTracked, loadRepository } from './repository.js';

const root = process.env.BLAST_VERIFY_REPO;

test.skipIf(root === undefined)('verify on a real repository', async () => {
  const repository = await loadRepository(root!, listTracked(root!));
  const report = verifyGraph({ ...repository, sample: Number(process.env.BLAST_VERIFY_SAMPLE ?? 30), seed: Number(process.env.BLAST_VERIFY_SEED ?? 1), maxSeconds: 900 });
  if (process.env.BLAST_VERIFY_OUT) writeFileSync(process.env.BLAST_VERIFY_OUT, `${JSON.stringify(report, null, 2)}\n`);
  const { direct, transitive, unlocated, failures, timingsMs } = report;
  console.log(JSON.stringify({ direct, transitive, unlocated, failures, timingsMs, disagreements: report.disagreements.length }, null, 2));
  expect(report.symbols.length + unlocated.length).toBe(report.sampled.length);
}, 1_800_000);
