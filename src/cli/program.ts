import { Command, Option } from 'commander';
import { VERSION } from '../version.js';
import { FORMATS } from './options.js';

export type CommandName = 'check';

export interface Invocation {
  command: CommandName;
  options: Record<string, unknown>;
  /** Whether --color or --no-color was on the command line (commander defaults `color` to true). */
  colorFlagGiven: boolean;
}

/**
 * Every commander declaration of blast. Parsing only records what was asked for; running it
 * is the caller's job, so that the exit code is decided in one place.
 */
export function createProgram(onInvoke: (invocation: Invocation) => void): Command {
  const program = new Command('blast')
    .description('How far can this change reach? The blast radius of a git change in TypeScript and JavaScript code, with a policy verdict.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .configureHelp({ sortOptions: false });

  const check = program
    .command('check')
    .description('diff the branch against its base, measure the blast radius and give the policy verdict (exit 0 pass or warn, 1 fail, 2 error)');
  addCommonOptions(check).action((options: Record<string, unknown>, command: Command) => {
    onInvoke({ command: 'check', options, colorFlagGiven: command.getOptionValueSource('color') === 'cli' });
  });
  return program;
}

function addCommonOptions(command: Command): Command {
  return command
    .option('--base <ref>', 'compare with this ref (default: CI variables, the policy, origin/HEAD, origin/main, main…)')
    .option('--head <ref>', 'analyse this commit, read from git objects (the working tree is never read)')
    .option('--committed', 'analyse HEAD, ignoring uncommitted work (the default when CI is set)')
    .option('--staged', 'analyse the index (staged changes), ignoring unstaged work')
    .option('--cwd <dir>', 'run as if started in <dir>')
    .option('--policy <file>', 'policy file (default: .blast.yml or .blast.yaml at the repository root, else the built-in policy)')
    .addOption(new Option('--format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('--output <file>', 'write the report to <file> instead of stdout')
    .option('--observe', 'report the verdict but exit 0 (same as mode: observe)')
    .option('--ai-assisted', 'treat the change as AI-assisted')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours (NO_COLOR is honoured too)')
    .option('--quiet', 'print only the verdict line (text format) and errors; no warnings')
    .option('--verbose', 'list everything: all affected files, unresolved imports')
    .option('--debug', 'print stack traces of errors');
}
