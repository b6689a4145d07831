// Progress for long runs: one line on stderr, rewritten in place as the stages go by and
// erased before the report is printed. Only on a terminal: a log or a pipe gets nothing.
import type { OutputStream } from './io.js';

export interface ProgressLine {
  /** For `CheckOptions.onProgress`. */
  onProgress(stage: string, detail?: { files: number }): void;
  /** Writes `text` (whole lines) to the same stream above the progress line. */
  print(text: string): void;
  /** Erases the line (if one was drawn) and stops; call before printing anything else. */
  done(): void;
}

export interface ProgressOptions {
  /** False: a no-op (not a terminal, `--quiet`, a format for machines). */
  enabled: boolean;
  /** Runs shorter than this print nothing at all. */
  delayMs?: number;
}

/** A run that finishes within this never shows a progress line. */
const DELAY_MS = 500;

const STAGE_TEXT: Record<string, string> = {
  base: 'resolving the base',
  diff: 'diffing against the merge-base',
  files: 'listing files',
  changes: 'finding the changed symbols',
  'base-graph': 'reading the merge-base',
  walk: 'walking the dependents',
  owners: 'reading CODEOWNERS',
  provenance: 'reading the commits',
  signoff: 'looking for approvals',
};

/** `blast: building the graph of 1,234 files…` */
export function describeStage(stage: string, detail?: { files: number }): string {
  const text =
    stage === 'graph'
      ? detail === undefined
        ? 'building the graph'
        : `building the graph of ${detail.files.toLocaleString('en-US')} ${detail.files === 1 ? 'file' : 'files'}`
      : (STAGE_TEXT[stage] ?? stage);
  return `blast: ${text}…`;
}

/** Whether progress may be drawn on `stderr` at all. */
export function wantsProgress(stderr: OutputStream, env: Readonly<Record<string, string | undefined>>, display: { quiet: boolean; format: string }): boolean {
  return stderr.isTTY === true && env.TERM !== 'dumb' && !display.quiet && display.format === 'text';
}

/**
 * A progress line on `stream`. Nothing shows until the run has lasted `delayMs`; then the
 * current stage is drawn, and redrawn at each new stage, with `\r` and erase-to-end-of-line.
 */
export function createProgressLine(stream: OutputStream, options: ProgressOptions): ProgressLine {
  if (!options.enabled) return { onProgress() {}, print: (text) => void stream.write(text), done() {} };
  let current: string | undefined;
  let isShown = false;
  let isDone = false;
  const draw = () => {
    if (current !== undefined) stream.write(`\r${current}\u001b[K`);
  };
  const timer = setTimeout(() => {
    isShown = true;
    draw();
  }, options.delayMs ?? DELAY_MS);
  // A pending timer must not keep Node alive after the command returned.
  timer.unref?.();
  return {
    onProgress(stage, detail) {
      if (isDone) return;
      current = describeStage(stage, detail);
      if (isShown) draw();
    },
    print(text) {
      if (isShown && !isDone) stream.write('\r\u001b[K');
      stream.write(text);
      if (isShown && !isDone) draw();
    },
    done() {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      if (isShown) stream.write('\r\u001b[K');
    },
  };
}
