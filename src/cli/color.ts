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

/**
 * The chalk level (0 none, 1 16 colours, 2 256, 3 truecolor), first rule that applies:
 * 1. `--no-color`: 0. `--color`: on, at FORCE_COLOR's level when it names one (2, 3), else at
 *    what the terminal supports, at least 1.
 * 2. FORCE_COLOR (any value but `0`/`false`, the empty string included): on, whatever the
 *    stream; `0`/`false`: off. It wins over NO_COLOR, as in Node's own `getColorDepth`.
 * 3. NO_COLOR set to anything but the empty string (no-color.org): 0.
 * 4. The stream is not a TTY, or TERM is `dumb`: 0.
 * 5. The terminal's support: COLORTERM truecolor/24bit 3, a TERM with 256 2, else 1.
 */
export function colorLevel(choice: ColorChoice, io: Pick<CliIo, 'env' | 'stdout' | 'stderr'>, stream: 'stdout' | 'stderr'): 0 | 1 | 2 | 3 {
  if (choice === 'never') return 0;
  const forced = forcedLevel(io.env.FORCE_COLOR);
  if (choice === 'always') return forced !== undefined && forced > 0 ? forced : terminalLevel(io.env);
  if (forced !== undefined) return forced;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return 0;
  if (!io[stream].isTTY || io.env.TERM === 'dumb') return 0;
  return terminalLevel(io.env);
}

/** FORCE_COLOR as chalk and Node read it; undefined when unset. */
function forcedLevel(value: string | undefined): 0 | 1 | 2 | 3 | undefined {
  if (value === undefined) return undefined;
  if (value === '0' || value === 'false') return 0;
  if (value === '2' || value === '3') return Number(value) as 2 | 3;
  return 1;
}

function terminalLevel(env: CliIo['env']): 1 | 2 | 3 {
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (env.TERM?.includes('256')) return 2;
  return 1;
}
