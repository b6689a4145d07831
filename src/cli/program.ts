import { Command, Option } from 'commander';
import { VERSION } from '../version.js';
import { FORMATS } from './options.js';

export type CommandName = 'check' | 'explain' | 'affected' | 'verify' | 'cache-clear' | 'approve' | 'hook-install' | 'hook-uninstall' | 'graph' | 'init';

export interface Invocation {
  command: CommandName;
  options: Record<string, unknown>;
  /** Positional arguments (`explain <target>`; `check --pre-push <remote> <url>`). */
  args: string[];
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
    .description('diff the branch against its base, measure the blast radius and give the policy verdict (exit 0 pass or warn, 1 fail, 2 error)')
    .argument('[remote]', "with --pre-push: the remote's name, as git passes it to the hook")
    .argument('[url]', "with --pre-push: the remote's URL")
    .option('--pre-push', "check each ref git is pushing (git's hook arguments, and its lines on stdin); one verdict per ref");
  addCommonOptions(check).action((remote: string | undefined, url: string | undefined, options: Record<string, unknown>, command: Command) => {
    const args = [remote, url].filter((arg): arg is string => arg !== undefined);
    onInvoke({ command: 'check', options, args, colorFlagGiven: command.getOptionValueSource('color') === 'cli' });
  });

  const explain = program
    .command('explain')
    .argument('<target>', 'a symbol id (src/file.ts#name, Class.member for members) or a file')
    .description('why a symbol or the symbols of a file are in the blast radius, and who depends on them (exit 0, 2)')
    .option('--depth <n>', 'levels of the dependents tree', '2');
  addCommonOptions(explain).action((target: string, options: Record<string, unknown>, command: Command) => {
    onInvoke({ command: 'explain', options, args: [target], colorFlagGiven: command.getOptionValueSource('color') === 'cli' });
  });

  const affected = program
    .command('affected')
    .description('the changed and affected files, one per line, relative to the current directory (exit 0 whatever the radius, 2)')
    .option('--tests', 'only the test files among the changed and affected files')
    .addOption(new Option('--fallback <mode>', "'all': when a trigger makes the radius unknowable, print every (test) file").choices(['all']));
  addCommonOptions(affected).action((options: Record<string, unknown>, command: Command) => {
    onInvoke({ command: 'affected', options, args: [], colorFlagGiven: command.getOptionValueSource('color') === 'cli' });
  });
  program
    .command('verify')
    .description("measure blast's graph against TypeScript's language service on a seeded sample of exported symbols (exit 0, 1 below the bar, 2)")
    .option('--sample <n>', 'how many exported symbols to sample', '30')
    .option('--seed <n>', 'the sample seed (the same seed, the same sample)', '1')
    .option('--min-recall <fraction>', 'the recall bar, direct and transitive', '0.99')
    .option('--min-precision <fraction>', 'the precision bar, direct and transitive', '0.9')
    .option('--max-seconds <n>', 'time budget for the transitive closures')
    .option('--cwd <dir>', 'run as if started in <dir>')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .option('--verbose', 'list every disagreement')
    .option('--debug', 'print stack traces of errors')
    .action((options: Record<string, unknown>, command: Command) => {
      onInvoke({ command: 'verify', options, args: [], colorFlagGiven: command.getOptionValueSource('color') === 'cli' });
    });

  const approve = program
    .command('approve')
    .description('sign an approval of the committed change and store it under refs/notes/blast (exit 0, 2)')
    .requiredOption('--key <path>', 'your ssh private key (or its .pub, with the key in ssh-agent)')
    .option('--base <ref>', 'compare with this ref instead of the detected base')
    .option('--cwd <dir>', 'run as if started in <dir>')
    .option('--policy <file>', 'the policy file whose approvers are checked (read at the merge-base)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--debug', 'print stack traces of errors');
  approve.action((options: Record<string, unknown>) => {
    onInvoke({ command: 'approve', options, args: [], colorFlagGiven: false });
  });

  const hook = program.command('hook').description('the git pre-push hook that runs blast check --pre-push');
  hook
    .command('install')
    .description("write the pre-push hook (core.hooksPath honoured); it runs this blast, with this node (exit 0, 2)")
    .option('--chain', 'keep an existing pre-push hook that is not blast\'s: it is moved aside and runs first')
    .option('--command <command>', "run blast with this shell command instead (e.g. 'npx blast')")
    .option('--cwd <dir>', 'run as if started in <dir>')
    .option('--debug', 'print stack traces of errors')
    .action((options: Record<string, unknown>) => {
      onInvoke({ command: 'hook-install', options, args: [], colorFlagGiven: false });
    });
  hook
    .command('uninstall')
    .description("remove blast's pre-push hook (only blast's), putting a chained hook back (exit 0, 2)")
    .option('--cwd <dir>', 'run as if started in <dir>')
    .option('--debug', 'print stack traces of errors')
    .action((options: Record<string, unknown>) => {
      onInvoke({ command: 'hook-uninstall', options, args: [], colorFlagGiven: false });
    });

  const graph = program
    .command('graph')
    .description('the blast radius as a Graphviz dot or a Mermaid graph, changed symbols first (exit 0 whatever the verdict, 2)')
    .option('--max-nodes <n>', 'symbols drawn before the farthest are summarised, one node per depth (default 50; --verbose draws all)');
  addCommonOptions(graph, { choices: ['dot', 'mermaid'], default: 'dot' }).action((options: Record<string, unknown>, command: Command) => {
    onInvoke({ command: 'graph', options, args: [], colorFlagGiven: command.getOptionValueSource('color') === 'cli' });
  });

  program
    .command('init')
    .description('write a commented starter .blast.yml at the repository root, sized to the repository (exit 0, 2)')
    .option('--force', 'replace an existing policy (it is kept as .blast.yml.bak first)')
    .option('--cwd <dir>', 'run as if started in <dir>')
    .option('--debug', 'print stack traces of errors')
    .action((options: Record<string, unknown>) => {
      onInvoke({ command: 'init', options, args: [], colorFlagGiven: false });
    });

  const cache = program.command('cache').description("blast's cache of per-file facts");
  cache
    .command('clear')
    .description('remove the cache (exit 0, 2)')
    .option('--cwd <dir>', 'run as if started in <dir>')
    .option('--cache-dir <dir>', 'the cache to remove (default: blast/ in the git common dir; BLAST_CACHE_DIR)')
    .option('--debug', 'print stack traces of errors')
    .action((options: Record<string, unknown>) => {
      onInvoke({ command: 'cache-clear', options, args: [], colorFlagGiven: false });
    });
  return program;
}

function addCommonOptions(command: Command, formats: { choices: readonly string[]; default: string } = { choices: FORMATS, default: 'text' }): Command {
  return command
    .option('--base <ref>', 'compare with this ref (default: CI variables, the policy, origin/HEAD, origin/main, main…)')
    .option('--head <ref>', 'analyse this commit, read from git objects (the working tree is never read)')
    .option('--committed', 'analyse HEAD, ignoring uncommitted work (the default when CI is set)')
    .option('--staged', 'analyse the index (staged changes), ignoring unstaged work')
    .option('--cwd <dir>', 'run as if started in <dir>')
    .option('--policy <file>', 'policy file (default: .blast.yml or .blast.yaml at the repository root, else the built-in policy)')
    .addOption(new Option('--policy-from <side>', 'read the policy from the working tree or the merge-base (default: base when CI is set)').choices(['worktree', 'base']))
    .addOption(new Option('--format <format>', 'report format').choices([...formats.choices]).default(formats.default))
    .option('--output <file>', 'write the report to <file> instead of stdout')
    .option('--observe', 'report the verdict but exit 0 (same as mode: observe)')
    .option('--ai-assisted', 'treat the change as AI-assisted')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours (NO_COLOR is honoured too)')
    .option('--quiet', 'print only the verdict line (text format) and errors; no warnings')
    .option('--verbose', 'list everything: all affected files, unresolved imports')
    .option('--no-cache', 'neither read nor write the cache')
    .option('--cache-dir <dir>', 'where the cache lives (default: blast/ in the git common dir; BLAST_CACHE_DIR)')
    .option('--debug', 'print stack traces of errors');
}
