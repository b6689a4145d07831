// The progress line: only on a terminal, only for runs that last, erased before the report.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgressLine, describeStage, wantsProgress } from '../../src/cli/progress.js';

function stream(isTTY = true) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => (writes.push(text), true) };
}

describe('wantsProgress', () => {
  it.each([
    [true, {}, { quiet: false, format: 'text' }, true],
    [false, {}, { quiet: false, format: 'text' }, false],
    [undefined, {}, { quiet: false, format: 'text' }, false],
    [true, { TERM: 'dumb' }, { quiet: false, format: 'text' }, false],
    [true, {}, { quiet: true, format: 'text' }, false],
    [true, {}, { quiet: false, format: 'json' }, false],
    [true, {}, { quiet: false, format: 'dot' }, false],
  ])('a TTY %s, env %j, %j: %s', (isTTY, env, display, expected) => {
    expect(wantsProgress({ write: () => true, ...(isTTY === undefined ? {} : { isTTY }) }, env, display)).toBe(expected);
  });
});

describe('createProgressLine', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prints nothing for a run shorter than the delay', () => {
    const out = stream();
    const progress = createProgressLine(out, { enabled: true, delayMs: 500 });
    progress.onProgress('base');
    progress.onProgress('graph', { files: 1234 });
    vi.advanceTimersByTime(400);
    progress.done();
    vi.advanceTimersByTime(1000);
    expect(out.writes).toEqual([]);
  });

  it('draws the current stage after the delay, redraws it in place, and erases it at the end', () => {
    const out = stream();
    const progress = createProgressLine(out, { enabled: true, delayMs: 500 });
    progress.onProgress('base');
    progress.onProgress('graph', { files: 1234 });
    vi.advanceTimersByTime(500);
    progress.onProgress('walk');
    progress.print('warning: something\n');
    progress.done();
    progress.onProgress('signoff');
    progress.done();
    expect(out.writes).toEqual([
      '\rblast: building the graph of 1,234 files…\u001b[K',
      '\rblast: walking the dependents…\u001b[K',
      '\r\u001b[K',
      'warning: something\n',
      '\rblast: walking the dependents…\u001b[K',
      '\r\u001b[K',
    ]);
  });

  it('does nothing at all when disabled, but still prints', () => {
    const out = stream(false);
    const progress = createProgressLine(out, { enabled: false });
    progress.onProgress('graph', { files: 3 });
    vi.advanceTimersByTime(10_000);
    progress.print('warning: w\n');
    progress.done();
    expect(out.writes).toEqual(['warning: w\n']);
  });

  it('names each stage in words', () => {
    expect(describeStage('graph', { files: 1 })).toBe('blast: building the graph of 1 file…');
    expect(describeStage('graph')).toBe('blast: building the graph…');
    expect(describeStage('diff')).toBe('blast: diffing against the merge-base…');
    expect(describeStage('something-new')).toBe('blast: something-new…');
  });
});
