#!/usr/bin/env node
// The installed command: hand the process to the built CLI and set (not force) the exit code,
// so that a report piped into another program is flushed before Node exits.
import { installCrashHandlers, main } from '../dist/blast.js';

installCrashHandlers(process);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
