// The one place that spawns git through simple-git: a client per repository, the flags every
// call needs, and the translation of git failures into GitError.
import { simpleGit, type SimpleGit } from 'simple-git';
import { GitError } from '../errors.js';

/** What a git child process needs: where to run and with which environment. */
export interface GitContext {
  readonly root: string;
  readonly env: Readonly<Record<string, string>>;
}

// simple-git refuses to spawn when the environment holds variables such as EDITOR, PAGER,
// GIT_SSH_COMMAND or PREFIX, unless told they are allowed. The environment comes from the user,
// not from untrusted input, and the arguments are built here, so the environment-only categories
// are allowed; the argument-borne ones (aliases, hooks paths, upload-pack…) stay blocked.
const ALLOWED_ENVIRONMENT = {
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeEditor: true,
  allowUnsafePager: true,
  allowUnsafeSshCommand: true,
  allowUnsafeGitProxy: true,
  allowUnsafeTemplateDir: true,
  allowUnsafeDiffExternal: true,
} as const;

const clients = new WeakMap<GitContext, SimpleGit>();

/** The child-process environment: the caller's, minus unset keys, never taking optional locks. */
export function childEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined) result[key] = value;
  }
  // blast only reads: it must never hold index.lock while the user runs `git commit`.
  result.GIT_OPTIONAL_LOCKS = '0';
  return result;
}

function client(context: GitContext): SimpleGit {
  let git = clients.get(context);
  if (git === undefined) {
    git = createClient(context.root, context.env);
    clients.set(context, git);
  }
  return git;
}

function createClient(baseDir: string, env: Readonly<Record<string, string>>): SimpleGit {
  return simpleGit({ baseDir, config: ['core.quotepath=off'], unsafe: ALLOWED_ENVIRONMENT }).env({ ...env });
}

/**
 * Queries that only read, whose answers one command run asks for more than once (HEAD, the
 * merge-base's tree, untracked files, the range's commits): each spawn costs more than the answer.
 */
const READ_ONLY = new Set(['rev-parse', 'symbolic-ref', 'merge-base', 'cat-file', 'ls-files', 'log']);

const answers = new WeakMap<GitContext, Map<string, Promise<string>>>();

/**
 * Runs git in the repository and returns its stdout; a failure becomes a GitError. A read-only
 * query asked again in the same repository gets the same answer, until whatever writes to it
 * (a deepening fetch, a note) calls `forgetAnswers`.
 */
export async function runGit(context: GitContext, args: readonly string[]): Promise<string> {
  if (!READ_ONLY.has(args[0] ?? '')) return runIn(client(context), args);
  let known = answers.get(context);
  if (!known) {
    known = new Map();
    answers.set(context, known);
  }
  const key = args.join('\u0000');
  let answer = known.get(key);
  if (!answer) {
    answer = runIn(client(context), args);
    known.set(key, answer);
    // A failure is not remembered: the next caller may handle it differently, or git may recover.
    answer.catch(() => known.delete(key));
  }
  return answer;
}

/** Forgets the remembered answers of a repository: a command just wrote to it. */
export function forgetAnswers(context: GitContext): void {
  answers.delete(context);
}

/** Runs git in any directory (before a repository is known). */
export async function runGitIn(cwd: string, env: Readonly<Record<string, string>>, args: readonly string[]): Promise<string> {
  return runIn(createClient(cwd, env), args);
}

async function runIn(git: SimpleGit, args: readonly string[]): Promise<string> {
  try {
    // simple-git resolves with stdout when git exits non-zero *without* writing to stderr, which
    // is exactly how `rev-parse --verify --quiet`, `merge-base` and `symbolic-ref --quiet` say
    // "not found": callers read an empty answer as absence.
    return await git.raw([...args]);
  } catch (error) {
    throw toGitError(args, error);
  }
}

/** Wraps a failure of `git <args>` with its first meaningful stderr line. */
export function toGitError(args: readonly string[], error: unknown): GitError {
  const text = error instanceof Error ? error.message : String(error);
  if (/\bENOENT\b/.test(text) && /spawn/.test(text)) {
    return new GitError('git not found: it is not installed or not on the PATH', {
      cause: error,
      hint: 'install git, or add it to the PATH',
    });
  }
  return new GitError(`git ${args[0] ?? ''} failed: ${firstLine(text)}`, { cause: error });
}

function firstLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const line = lines.find((candidate) => /^(fatal|error):/.test(candidate)) ?? lines[0] ?? 'no output';
  return line.replace(/^(fatal|error):\s*/, '');
}
