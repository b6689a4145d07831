import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GitError } from '../errors.js';
import { childEnv, runGit, runGitIn } from './run-git.js';

/**
 * An opened git working tree. Plain data: every git function of this stage takes it. A handle
 * is one command's view: what git said of the working tree and of read-only queries through it
 * is asked once and kept (see `runGit`, `worktreeChanges`), so a later state is seen through a
 * handle opened anew.
 */
export interface Repository {
  /** Absolute, symlink-free path of the working tree's top level. */
  readonly root: string;
  /** Absolute path of the git directory shared by all linked worktrees (blast's cache lives there). */
  readonly gitCommonDir: string;
  /** Absolute path of this worktree's own git directory. */
  readonly gitDir: string;
  /** Hash of git objects, so ids hashed in-process match git's. */
  readonly objectFormat: 'sha1' | 'sha256';
  /** Environment of every git child process (the caller's, with `GIT_OPTIONAL_LOCKS=0`). */
  readonly env: Readonly<Record<string, string>>;
}

export interface OpenOptions {
  /** Environment for git child processes (the CLI passes its own; stages never read `process`). */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Finds the working tree that contains `cwd`.
 * Throws GitError "not a git repository: '<cwd>'" when there is none (or `cwd` is a bare
 * repository or a git directory).
 */
export async function openRepository(cwd: string, options: OpenOptions): Promise<Repository> {
  const env = childEnv(options.env);
  const directory = resolve(cwd);
  const notARepository = (cause?: unknown): GitError =>
    new GitError(`not a git repository: '${cwd}'`, {
      cause,
      hint: 'run blast inside a git working tree, or pass --cwd <dir>',
    });
  const isDirectory = await stat(directory).then((info) => info.isDirectory(), () => false);
  if (!isDirectory) throw notARepository();

  let output: string;
  try {
    output = await runGitIn(directory, env, [
      'rev-parse',
      '--show-toplevel',
      '--absolute-git-dir',
      '--git-common-dir',
      '--show-object-format',
    ]);
  } catch (error) {
    if (error instanceof GitError && error.message.startsWith('git not found')) throw error;
    throw notARepository(error);
  }
  const [toplevel, gitDir, commonDir, objectFormat] = output.split('\n');
  if (!toplevel || !gitDir || !commonDir) throw notARepository();
  const root = await realpath(toplevel);
  return {
    root,
    gitDir: await realpath(gitDir),
    // older gits print the common dir relative to the directory git ran in
    gitCommonDir: await realpath(resolve(directory, commonDir)),
    objectFormat: objectFormat === 'sha256' ? 'sha256' : 'sha1',
    env,
  };
}

/** Whether the repository is a shallow clone (part of the history is missing). */
export async function isShallowRepository(repo: Repository): Promise<boolean> {
  return (await runGit(repo, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}
