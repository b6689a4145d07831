import { CommanderError } from 'commander';
import { BlastError, ConfigError, type ExitCode } from '../errors.js';
import { VERSION } from '../version.js';
import { runAffected, runApprove, runCacheClear, runCheck, runExplain } from './check.js';
import type { CliIo } from './io.js';
import { createProgram, type Invocation } from './program.js';

export type { CliIo } from './io.js';

/**
 * The CLI entry: parses argv, runs one command, prints, and returns the exit code (it never
 * calls `process.exit`, so piped output is flushed). 0 pass or warn, 1 the policy fails the
 * change, 2 anything that kept blast from a verdict.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let invocation: Invocation | undefined;
  const program = createProgram((invoked) => {
    invocation = invoked;
  });
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    // Printed below in blast's own words, with exit code 2.
    outputError: () => {},
  });
  for (const command of program.commands) {
    command.exitOverride();
    command.configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text), outputError: () => {} });
  }

  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error, io, argv);
    return reportError(error, io, debug);
  }
  if (!invocation) {
    io.stderr.write(program.helpInformation());
    return 2;
  }
  try {
    const run = { check: runCheck, explain: runExplain, affected: runAffected, 'cache-clear': runCacheClear, approve: runApprove }[invocation.command];
    return await run(invocation, io);
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function commanderExit(error: CommanderError, io: CliIo, argv: readonly string[]): ExitCode {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
  const message = error.message.replace(/^error: /, '');
  const command = argv.find((word) => !word.startsWith('-'));
  const help = command && command !== 'help' && !message.startsWith('unknown command') ? `blast ${command} --help` : 'blast --help';
  io.stderr.write(`blast: ${message.split('\n')[0]} (see '${help}')\n`);
  return 2;
}

/** One line for a user's error; a crash says it is one and how to report it. */
export function reportError(error: unknown, io: CliIo, debug: boolean): ExitCode {
  if (error instanceof ConfigError) {
    for (const issue of error.issues) io.stderr.write(`${issue.file}:${issue.line}:${issue.col}: error: ${issue.message}\n`);
    io.stderr.write(`blast: ${withHint(error)}\n`);
  } else if (error instanceof BlastError) {
    io.stderr.write(`blast: ${withHint(error)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`blast: internal error: ${message}\n`);
    io.stderr.write(`blast ${VERSION}, Node ${process.versions.node}; please report it with the command you ran${debug ? '' : ' (--debug prints the stack trace)'}\n`);
  }
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return 2;
}

function withHint(error: BlastError): string {
  return error.hint ? `${error.message}; ${error.hint}` : error.message;
}

/** Node exits 1 on an uncaught error, which would read as "the policy failed": force 2. */
export function installCrashHandlers(target: NodeJS.Process): void {
  const crash = (error: unknown) => {
    reportError(error, { stdout: target.stdout, stderr: target.stderr, env: target.env, cwd: target.cwd() }, target.argv.includes('--debug'));
    target.exit(2);
  };
  target.on('uncaughtException', crash);
  target.on('unhandledRejection', crash);
}
