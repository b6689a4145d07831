import { Chalk, type ChalkInstance } from 'chalk';
import type { CliIo } from './io.js';

export type ColorChoice = 'auto' | 'always' | 'never';

/**
 * One chalk instance for the whole run, passed into the renderers. chalk honours FORCE_COLOR
 * and --no-color by itself but not NO_COLOR, and it looks at the real process's TTY rather
 * than the stream the report goes to; deciding here covers both.
 */
export function createChalk(choice: ColorChoice, io: CliIo, stream: 'stdout' | 'stderr'): ChalkInstance {
  return new Chalk({ level: colorLevel(choice, io, stream) });
}

function colorLevel(choice: ColorChoice, io: CliIo, stream: 'stdout' | 'stderr'): 0 | 1 | 2 | 3 {
  if (choice === 'never') return 0;
  const forced = io.env.FORCE_COLOR;
  if (choice === 'auto') {
    if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return 0;
    if (forced !== undefined) {
      if (forced === '0' || forced === 'false') return 0;
      if (forced === '2' || forced === '3') return Number(forced) as 2 | 3;
      return 1;
    }
    if (!io[stream].isTTY || io.env.TERM === 'dumb') return 0;
  }
  if (io.env.COLORTERM === 'truecolor' || io.env.COLORTERM === '24bit') return 3;
  if (io.env.TERM?.includes('256')) return 2;
  return 1;
}
