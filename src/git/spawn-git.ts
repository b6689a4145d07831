// git with bytes on stdin, or one git's stdout piped into another's stdin: what simple-git cannot
// do. Used by the sign-off helpers (patch-id, cat-file --batch, notes written from stdin).
import { spawn, type ChildProcess } from 'node:child_process';
import { GitError } from '../errors.js';
import type { GitContext } from './run-git.js';

/** Flags every spawned git gets, as `runGit` passes them through simple-git. */
const CONFIG_FLAGS: readonly string[] = ['-c', 'core.quotepath=off'];

interface Finished {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

function start(context: GitContext, args: readonly string[]): ChildProcess {
  return spawn('git', [...CONFIG_FLAGS, ...args], { cwd: context.root, env: { ...context.env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

function finished(child: ChildProcess, args: readonly string[]): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    // git may exit before reading all of its input; the exit code says why, not EPIPE
    child.stdin?.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => reject(spawnError(args, error)));
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

function spawnError(args: readonly string[], error: NodeJS.ErrnoException): GitError {
  if (error.code === 'ENOENT') {
    return new GitError('git not found: it is not installed or not on the PATH', { cause: error, hint: 'install git, or add it to the PATH' });
  }
  return new GitError(`git ${args[0] ?? ''} failed: ${error.message}`, { cause: error });
}

function failure(args: readonly string[], result: Finished): GitError {
  const lines = result.stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const line = lines.find((candidate) => /^(fatal|error):/.test(candidate)) ?? lines[0] ?? `exit code ${result.code}`;
  return new GitError(`git ${args[0] ?? ''} failed: ${line.replace(/^(fatal|error):\s*/, '')}`);
}

/** Runs `git <args>` with `input` on stdin; resolves with stdout's bytes, or throws a GitError. */
export async function runGitWithInput(context: GitContext, args: readonly string[], input: string | Buffer): Promise<Buffer> {
  const child = start(context, args);
  const done = finished(child, args);
  child.stdin?.end(input);
  const result = await done;
  if (result.code !== 0) throw failure(args, result);
  return result.stdout;
}

/**
 * `git <from> | git <to>`: the bytes pass from one process to the other untouched (no decoding,
 * so a diff of non-UTF-8 text hashes as git sees it). Resolves with the second one's stdout.
 */
export async function pipeGit(context: GitContext, from: readonly string[], to: readonly string[]): Promise<Buffer> {
  const producer = start(context, from);
  const consumer = start(context, to);
  const consumed = finished(consumer, to);
  const produced = new Promise<Finished>((resolve, reject) => {
    const stderr: Buffer[] = [];
    producer.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    producer.on('error', (error: NodeJS.ErrnoException) => {
      consumer.kill();
      reject(spawnError(from, error));
    });
    producer.on('close', (code) => resolve({ code, stdout: Buffer.alloc(0), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
  if (producer.stdout && consumer.stdin) producer.stdout.pipe(consumer.stdin);
  const [first, second] = await Promise.all([produced, consumed]);
  if (first.code !== 0) throw failure(from, first);
  if (second.code !== 0) throw failure(to, second);
  return second.stdout;
}
