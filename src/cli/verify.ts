import { resolve } from 'node:path';
import type { ExitCode } from '../errors.js';
import { UsageError } from '../errors.js';
import { renderVerifyText } from '../report/index.js';
import { verify } from '../run.js';
import { createChalk, type ColorChoice } from './color.js';
import type { CliIo } from './io.js';
import type { Invocation } from './program.js';

function numberOption(value: unknown, name: string, check: (n: number) => boolean, expected: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || !check(number)) throw new UsageError(`${name} must be ${expected}, got '${String(value)}'`);
  return number;
}

/** `blast verify`: exit 1 when the graph falls below the bar against the language service. */
export async function runVerify(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const options = invocation.options;
  const fraction = (n: number) => n >= 0 && n <= 1;
  const sample = numberOption(options.sample, '--sample', (n) => Number.isInteger(n) && n > 0, 'a whole number above 0') ?? 30;
  const seed = numberOption(options.seed, '--seed', Number.isInteger, 'a whole number') ?? 1;
  const minRecall = numberOption(options.minRecall, '--min-recall', fraction, 'a fraction from 0 to 1');
  const minPrecision = numberOption(options.minPrecision, '--min-precision', fraction, 'a fraction from 0 to 1');
  const maxSeconds = numberOption(options.maxSeconds, '--max-seconds', (n) => n > 0, 'a number of seconds above 0');
  const format = String(options.format ?? 'text');
  const cwd = typeof options.cwd === 'string' ? resolve(io.cwd, options.cwd) : io.cwd;
  const report = await verify({
    cwd,
    env: io.env,
    sample,
    seed,
    ...(minRecall === undefined ? {} : { minRecall }),
    ...(minPrecision === undefined ? {} : { minPrecision }),
    ...(maxSeconds === undefined ? {} : { maxSeconds }),
    ...(io.stderr.isTTY ? { onProgress: (done: number, total: number) => io.stderr.write(`\rblast: asked the language service about ${done} of ${total} symbols`) } : {}),
  });
  if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
  const choice: ColorChoice = invocation.colorFlagGiven ? (options.color === false ? 'never' : 'always') : 'auto';
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderVerifyText(report, { chalk: createChalk(choice, io, 'stdout'), verbose: options.verbose === true });
  io.stdout.write(text);
  return report.failures.length > 0 ? 1 : 0;
}
