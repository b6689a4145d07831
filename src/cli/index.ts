import { CommanderError } from 'commander';
import { BlastError, ConfigError, type ExitCode } from '../errors.js';
import { VERSION } from '../version.js';
import { runAffected, runApprove, runCacheClear, runCheck, runExplain } from './check.js';
import { runGraph } from './graph.js';
import { runHookInstall, runHookUninstall } from './hook.js';
import { runInit } from './init.js';
import type { CliIo } from './io.js';
import { runVerify } from './verify.js';
import { PRE_PUSH_ERROR_ADVICE } from './pre-push.js';
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
  // every level: `blast hook install --bad` must exit 2 too, not commander's 1
  const allCommands = (command: typeof program): Array<typeof program> => command.commands.flatMap((child) => [child, ...allCommands(child)]);
  for (const command of allCommands(program)) {
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
    const run = {
      check: runCheck,
      explain: runExplain,
      affected: runAffected,
      verify: runVerify,
      'cache-clear': runCacheClear,
      approve: runApprove,
      'hook-install': runHookInstall,
      'hook-uninstall': runHookUninstall,
      graph: runGraph,
      init: runInit,
    }[invocation.command];
    return await run(invocation, io);
  } catch (error) {
    const code = reportError(error, io, debug);
    // an error blocks the push as surely as a failing verdict: say so, and how to get past it
    if (invocation.command === 'check' && invocation.options.prePush) io.stderr.write(PRE_PUSH_ERROR_ADVICE);
    return code;
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

/**
 * Node exits 1 on an uncaught error, which would read as "the policy failed": force 2. A closed
 * stdout (EPIPE) is not a crash.
 */
export function installCrashHandlers(target: NodeJS.Process): void {
  const crash = (error: unknown) => {
    reportError(error, { stdout: target.stdout, stderr: target.stderr, env: target.env, cwd: target.cwd() }, target.argv.includes('--debug'));
    target.exit(2);
  };
  target.on('uncaughtException', crash);
  target.on('unhandledRejection', crash);
  // A reader that stops early (`blast check | head -1`) closes the pipe: the rest of the report
  // has nowhere to go, which is no error. Node then emits EPIPE (and drops later writes); blast
  // finishes quietly and exits with the verdict's code, as if the reader had read it all.
  target.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') crash(error);
  });
}
