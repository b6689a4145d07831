import type { ExitCode } from '../errors.js';
import { UsageError } from '../errors.js';
import { hookInstall, hookUninstall, type HookCommand } from '../run.js';
import type { CliIo } from './io.js';
import { toCheckOptions, type RawGlobalOptions } from './options.js';
import type { Invocation } from './program.js';
// The blast that is running now: the hook runs the same one, outside npm scripts too.
import { BLAST_BIN } from '../version.js';

/** `blast hook install [--chain] [--command C]`: what was written, and what the hook runs. */
export async function runHookInstall(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const { check: options } = toCheckOptions(invocation.options as RawGlobalOptions, io, false);
  const given = invocation.options.command;
  if (given !== undefined && (typeof given !== 'string' || given.trim() === '')) throw new UsageError('--command needs a shell command, e.g. --command "npx blast"');
  const command: HookCommand = typeof given === 'string' ? { kind: 'shell', command: given.trim() } : { kind: 'node', node: process.execPath, script: BLAST_BIN };
  const installed = await hookInstall({ cwd: options.cwd, env: options.env, command, chain: invocation.options.chain === true });
  const verb = installed.previous === 'blast' ? 'updated' : 'installed';
  io.stderr.write(`blast: ${verb} the pre-push hook at ${installed.path}\n`);
  if (installed.chained) io.stderr.write(`blast: the hook that was there is kept as ${installed.chained} and runs first\n`);
  const runs = command.kind === 'shell' ? command.command : `${command.node} ${command.script}`;
  io.stderr.write(`blast: each push runs \`${runs} check --pre-push\`; \`git push --no-verify\` skips it once\n`);
  return 0;
}

/** `blast hook uninstall`: removes blast's hook only; a foreign hook is left as it is. */
export async function runHookUninstall(invocation: Invocation, io: CliIo): Promise<ExitCode> {
  const { check: options } = toCheckOptions(invocation.options as RawGlobalOptions, io, false);
  const removal = await hookUninstall({ cwd: options.cwd, env: options.env });
  if (removal.found === 'none') io.stderr.write(`blast: there is no pre-push hook at ${removal.path}; nothing to remove\n`);
  else if (removal.found === 'foreign') io.stderr.write(`blast: the pre-push hook at ${removal.path} is not blast's; left it alone\n`);
  else if (removal.restored) io.stderr.write(`blast: removed blast's pre-push hook and put the chained hook back at ${removal.path}\n`);
  else io.stderr.write(`blast: removed the pre-push hook at ${removal.path}\n`);
  return 0;
}
