import { relative, sep } from 'node:path';
import type { ExitCode } from '../errors.js';
import { init } from '../run.js';
import type { CliIo } from './io.js';
import { toCheckOptions, type RawGlobalOptions } from './options.js';
import type { Invocation } from './program.js';

/**
 * `blast init [--force]`: writes the starter policy and says, on stderr, where and what it
 * chose. Nothing goes to stdout: the file is the output.
 */
export async function runInit(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const { cwd } = toCheckOptions(invocation.options as RawGlobalOptions, io, false).check;
  const outcome = await init({ cwd, env: io.env, force: invocation.options.force === true });
  const shown = (path: string) => {
    const text = relative(io.cwd, path).split(sep).join('/');
    return text.startsWith('..') ? path : text;
  };
  const name = shown(outcome.path);
  if (outcome.unchanged) {
    io.stderr.write(`blast: ${name} is already the starter policy for this repository; nothing written\n`);
    return 0;
  }
  const { choices } = outcome;
  const lines = [`blast: wrote ${name}${outcome.backup === null ? '' : ` (the previous one is kept as ${shown(outcome.backup)})`}`];
  lines.push(`  thresholds  warn above ${choices.warnFiles} affected files, fail above ${choices.failFiles} or a score of ${choices.failScore} (${choices.codeFiles.toLocaleString('en-US')} code files)`);
  if (choices.warnPackages !== null) lines.push(`  packages    ${choices.packages} workspace packages: warn above ${choices.warnPackages} reached; a commented zone for ${choices.zones.length < choices.packages ? `the first ${choices.zones.length}` : 'each'}`);
  lines.push(`  tests       ${choices.tests.found ? choices.tests.globs.map((entry) => entry.glob).join(', ') : "none found; blast's default globs"}`);
  if (choices.triggers.length > 0) lines.push(`  triggers    ${choices.triggers.join(', ')}`);
  lines.push(`next: read it, uncomment what fits, then run \`blast check\` and commit ${name}`);
  io.stderr.write(`${lines.join('\n')}\n`);
  return 0;
}
