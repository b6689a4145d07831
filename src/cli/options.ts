import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { FORMATS, type Format } from '../report/index.js';
import type { CheckOptions } from '../run.js';
import type { ColorChoice } from './color.js';
import type { CliIo } from './io.js';

export { FORMATS, type Format };

/** The flags shared by the commands, as commander hands them over. */
export interface RawGlobalOptions {
  cwd?: string;
  base?: string;
  head?: string;
  committed?: boolean;
  staged?: boolean;
  policy?: string;
  policyFrom?: 'worktree' | 'base';
  format?: string;
  output?: string;
  observe?: boolean;
  aiAssisted?: boolean;
  color?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  debug?: boolean;
  /** commander turns `--no-cache` into `cache: false`. */
  cache?: boolean;
  cacheDir?: string;
}

export interface DisplayOptions {
  format: Format;
  output?: string;
  color: ColorChoice;
  quiet: boolean;
  verbose: boolean;
  debug: boolean;
}

/** commander's options object to typed, validated options; a bad value is a UsageError. */
export function toCheckOptions(raw: RawGlobalOptions, io: CliIo, colorFlagGiven: boolean): { check: CheckOptions; display: DisplayOptions } {
  const format = raw.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}'; expected one of ${FORMATS.map((name) => `'${name}'`).join(', ')}`);
  }
  const headModes = [raw.head !== undefined && '--head', raw.committed && '--committed', raw.staged && '--staged'].filter(Boolean);
  if (headModes.length > 1) throw new UsageError(`${headModes.join(' and ')} cannot be combined; choose one`);
  const cwd = raw.cwd === undefined ? io.cwd : isAbsolute(raw.cwd) ? raw.cwd : resolve(io.cwd, raw.cwd);

  const check: CheckOptions = { cwd, env: io.env };
  if (raw.base !== undefined) check.base = raw.base;
  if (raw.head !== undefined) check.head = raw.head;
  if (raw.committed) check.committed = true;
  if (raw.staged) check.staged = true;
  if (raw.policy !== undefined) check.policy = raw.policy;
  if (raw.policyFrom !== undefined) check.policyFrom = raw.policyFrom;
  if (raw.observe) check.observe = true;
  if (raw.aiAssisted) check.aiAssisted = true;
  if (raw.cache === false) check.cache = false;
  if (raw.cacheDir !== undefined) check.cacheDir = raw.cacheDir;

  const display: DisplayOptions = {
    format: format as Format,
    color: colorFlagGiven ? (raw.color === false ? 'never' : 'always') : 'auto',
    quiet: raw.quiet === true,
    verbose: raw.verbose === true,
    debug: raw.debug === true,
  };
  if (raw.output !== undefined) display.output = isAbsolute(raw.output) ? raw.output : resolve(io.cwd, raw.output);
  return { check, display };
}
