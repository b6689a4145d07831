// The installed command's first module: loads the CLI bundle (`dist/blast-cli.cjs`), from the
// code kept by an earlier run when there is some (see `program-code.ts`), and hands on its entry.
import { fileURLToPath } from 'node:url';
import type * as Cli from './index.js';
import type { CliIo } from './io.js';
import { loadProgram } from './program-code.js';

const program = loadProgram(fileURLToPath(new URL('./blast-cli.cjs', import.meta.url)), process.argv.slice(2), process.env, process.platform);

export const installCrashHandlers: typeof Cli.installCrashHandlers = program.cli.installCrashHandlers;

/** The CLI's `main`; the program's code is kept once it returns. */
export async function main(argv: readonly string[], io: CliIo): ReturnType<typeof Cli.main> {
  try {
    return await program.cli.main(argv, io);
  } finally {
    program.keep();
  }
}
