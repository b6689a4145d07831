// The parse threads of a run: the same answers as a read on the main thread, batches that share
// the threads, a stop that ends them, and idle threads that let the process end. Runs the built
// worker (`npm test` builds first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ParsePool } from '../../src/graph/parse-pool.js';
import type { ParseJob } from '../../src/graph/parse-files.js';
import { readSource } from '../../src/graph/read-source.js';

const workerUrl = new URL('../../dist/parse-worker.js', import.meta.url);

/** Files that differ in size and in what they import, so that shares differ. */
function jobsOf(count: number): ParseJob[] {
  return Array.from({ length: count }, (_, index) => ({
    path: `src/file${index}.ts`,
    text: `import { a${index} } from './dep${index % 7}';\n${'export const pad = 1;\n'.repeat(index % 5)}export function f${index}() { return a${index}(); }\n`,
    kind: 'ts' as const,
  }));
}

describe('the parse pool', () => {
  let pool: ParsePool | undefined;
  afterEach(() => pool?.close());

  test('reads each file as the main thread does, in the order asked, at every depth', async () => {
    pool = new ParsePool(workerUrl, 2);
    const jobs = jobsOf(40);
    for (const depth of ['skim', 'facts', 'skim+facts'] as const) {
      expect(await pool.run(jobs, depth, 2)).toEqual(jobs.map((job) => readSource(job, depth)));
    }
    expect(pool.running).toBe(2);
  });

  test('answers come in parts of at most 500 files, each file in one part, before the whole', async () => {
    pool = new ParsePool(workerUrl, 2);
    const jobs = jobsOf(1300);
    const parts: string[][] = [];
    const parsed = await pool.run(jobs, 'skim', 2, undefined, (part) => parts.push(part.map((file) => file.path)));
    expect(parts.length).toBe(4);
    expect(Math.max(...parts.map((part) => part.length))).toBe(500);
    expect(parts.flat().sort()).toEqual(jobs.map((job) => job.path).sort());
    expect(parsed.map((file) => file.path)).toEqual(jobs.map((job) => job.path));
  });

  test('starts no more threads than asked, and batches in flight at once share them', async () => {
    pool = new ParsePool(workerUrl, 2);
    const jobs = jobsOf(30);
    await pool.run(jobs.slice(0, 3), 'skim', 1);
    expect(pool.running).toBe(1);
    const [first, second] = await Promise.all([pool.run(jobs.slice(0, 15), 'facts', 2), pool.run(jobs.slice(15), 'skim', 2)]);
    expect(first.map((parsed) => parsed.path)).toEqual(jobs.slice(0, 15).map((job) => job.path));
    expect(second.map((parsed) => Object.keys(parsed).sort())).toEqual(jobs.slice(15).map(() => ['path', 'skim']));
    expect(pool.running).toBe(2);
  });

  test('threads warmed before any batch are the ones a batch then uses, up to the pool size', async () => {
    pool = new ParsePool(workerUrl, 2);
    pool.warm(1);
    expect(pool.running).toBe(1);
    const jobs = jobsOf(5);
    expect(await pool.run(jobs, 'facts', 1)).toEqual(jobs.map((job) => readSource(job, 'facts')));
    expect(pool.running).toBe(1);
    pool.warm(5);
    expect(pool.running).toBe(2);
  });

  test('facts parsed ahead answer a later batch only for the same text', async () => {
    pool = new ParsePool(workerUrl, 1);
    const jobs = jobsOf(20);
    await pool.run(jobs.slice(0, 1), 'skim', 1);
    expect(await pool.prefetch(jobs)).toBe(20);
    // The file changed since it was handed over: its facts are the new text's.
    const edited = jobs.map((job, index) => (index === 3 ? { ...job, text: 'export const edited = 1;\n' } : job));
    const parsed = await pool.run(edited, 'facts', 1);
    expect(parsed).toEqual(edited.map((job) => readSource(job, 'facts')));
    expect(parsed[3]!.facts!.declarations.map((declaration) => declaration.name)).toEqual(['edited']);
    // Parsed ahead already: nothing more to do.
    expect(await pool.prefetch(jobs)).toBe(0);
  });

  test('a task stops a prefetch: the thread answers it first', async () => {
    pool = new ParsePool(workerUrl, 1);
    const jobs = jobsOf(300);
    await pool.run(jobs.slice(0, 1), 'skim', 1);
    const prefetched = pool.prefetch(jobs);
    expect(await pool.run(jobs.slice(0, 2), 'skim', 1)).toHaveLength(2);
    expect(await prefetched).toBe(0);
  });

  test('a part that fails fails the batch and ends the threads, and no part is handed on after it', async () => {
    pool = new ParsePool(workerUrl, 2);
    const jobs = jobsOf(1200);
    // A text the reader cannot read: the thread answers with the error.
    jobs[0] = { ...jobs[0]!, text: { length: 5 } as unknown as string };
    const handed: number[] = [];
    let failedAt: number | undefined;
    const running = pool.run(jobs, 'skim', 2, undefined, (part) => handed.push(part.length)).catch((error: unknown) => {
      failedAt = handed.length;
      throw error;
    });
    await expect(running).rejects.toThrow();
    expect(pool.running).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(handed.length).toBe(failedAt);
  });

  test('a stop fails the batch and ends the threads; the next batch starts new ones', async () => {
    pool = new ParsePool(workerUrl, 2);
    const stop = new AbortController();
    const running = pool.run(jobsOf(400), 'facts', 2, stop.signal);
    stop.abort();
    await expect(running).rejects.toThrow('parsing was stopped');
    expect(pool.running).toBe(0);
    expect(await pool.run(jobsOf(2), 'skim', 1)).toHaveLength(2);
    expect(pool.running).toBe(1);
  });

  test('idle threads do not keep the process alive', () => {
    const script = `
      const { ParsePool } = await import(${JSON.stringify(new URL('../../dist/graph/parse-pool.js', import.meta.url).href)});
      const pool = new ParsePool(new URL(${JSON.stringify(workerUrl.href)}), 2);
      const parsed = await pool.run([{ path: 'a.ts', text: "import './b';", kind: 'ts' }], 'skim', 2);
      console.log(parsed[0].skim.specifiers[0].specifier);
    `;
    const folder = mkdtempSync(join(tmpdir(), 'blast-pool-'));
    writeFileSync(join(folder, 'run.mjs'), script);
    const child = spawnSync(process.execPath, [join(folder, 'run.mjs')], { encoding: 'utf8', timeout: 30_000 });
    rmSync(folder, { recursive: true, force: true });
    expect(child.signal).toBeNull();
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('./b\n');
    expect(child.status).toBe(0);
  });
});
