// An early read's progress: every part, those stored before the consumer came first, until the
// read ends or the consumer's bound settles.
import { expect, test } from 'vitest';
import { ReadProgress } from '../../src/graph/read-progress.js';

async function collect(parts: AsyncGenerator<string[]>): Promise<string[][]> {
  const seen: string[][] = [];
  for await (const part of parts) seen.push(part);
  return seen;
}

test('parts stored before and after the consumer starts, then the end', async () => {
  const progress = new ReadProgress();
  progress.add(['a.ts']);
  const seen = collect(progress.parts(new Promise(() => {})));
  await Promise.resolve();
  progress.add(['b.ts', 'c.ts']);
  setTimeout(() => {
    progress.add(['d.ts']);
    progress.end();
  }, 5);
  expect(await seen).toEqual([['a.ts'], ['b.ts', 'c.ts'], ['d.ts']]);
});

test('a bound that settles ends the wait for parts that never come, after those stored', async () => {
  const progress = new ReadProgress();
  progress.add(['a.ts']);
  let settle = () => {};
  const until = new Promise<void>((resolve) => (settle = resolve));
  const seen = collect(progress.parts(until));
  setTimeout(settle, 5);
  expect(await seen).toEqual([['a.ts']]);
});

test('a consumer that comes after the end still gets every part', async () => {
  const progress = new ReadProgress();
  progress.add(['a.ts']);
  progress.add(['b.ts']);
  progress.end();
  expect(await collect(progress.parts(Promise.resolve()))).toEqual([['a.ts'], ['b.ts']]);
});
