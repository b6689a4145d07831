import { writeFile } from 'node:fs/promises';
import type { ExitCode } from '../errors.js';
import { UsageError } from '../errors.js';
import { render, renderVerdictLine } from '../report/index.js';
import { check as runCheckCommand } from '../run.js';
import { createChalk } from './color.js';
import type { CliIo } from './io.js';
import { toCheckOptions, type RawGlobalOptions } from './options.js';
import type { Invocation } from './program.js';

/** `blast check`: analyse, print the report, and turn the verdict into the exit code. */
export async function runCheck(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const { check, display } = toCheckOptions(invocation.options as RawGlobalOptions, io, invocation.colorFlagGiven);
  const warnings = createChalk(display.color, io, 'stderr');
  if (!display.quiet) {
    check.onWarning = (message) => io.stderr.write(`${warnings.yellow('warning')}: ${message}\n`);
  }
  const outcome = await runCheckCommand(check);
  const { result } = outcome;
  if (display.verbose) {
    for (const entry of outcome.unresolvedImports) io.stderr.write(`${entry.file}:${entry.line}: unresolved import '${entry.specifier}'\n`);
  }
  const chalk = createChalk(display.output === undefined ? display.color : 'never', io, 'stdout');
  const report =
    display.quiet && display.format === 'text' ? renderVerdictLine(result, { chalk }) : render(result, display.format, { chalk, verbose: display.verbose });
  if (display.output !== undefined) {
    await writeFile(display.output, report).catch((error: unknown) => {
      throw new UsageError(`cannot write '${display.output}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    });
  } else {
    io.stdout.write(report);
  }
  return result.verdict === 'fail' && !outcome.observe ? 1 : 0;
}
