// A real bare remote beside a test repository, and `git push` with the output a user sees.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestRepo } from '../helpers/git-repo.js';

export interface Push {
  status: number | null;
  /** stdout and stderr of `git push`, hook output included. */
  output: string;
}

/**
 * A bare repository `remote.git` in the test's sandbox, with `main` pushed to it and
 * `origin/HEAD` set, as a clone would have it. Returns its path.
 */
export function addBareRemote(repo: Pick<TestRepo, 'cwd' | 'git'>): string {
  const bare = join(repo.cwd, '..', 'remote.git');
  repo.git(['init', '-q', '--bare', bare]);
  repo.git(['--git-dir', bare, 'symbolic-ref', 'HEAD', 'refs/heads/main']);
  repo.git(['remote', 'add', 'origin', bare]);
  repo.git(['push', '-q', '--no-verify', 'origin', 'main']);
  repo.git(['remote', 'set-head', 'origin', 'main']);
  return bare;
}

/** `git push <args>` in `cwd`; a refused push is a result, not an exception. */
export function push(repo: Pick<TestRepo, 'cwd' | 'env'>, args: readonly string[], cwd = repo.cwd): Push {
  const run = spawnSync('git', ['push', ...args], { cwd, env: repo.env, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The lines blast printed during a push (the hook's own, not git's). */
export function blastLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('blast: ') || line.startsWith('  ') || line.startsWith('push refused by blast'));
}

/** The sha of `ref` in the bare remote, or '' when it has no such ref. */
export function remoteSha(repo: Pick<TestRepo, 'git'>, bare: string, ref: string): string {
  try {
    return repo.git(['--git-dir', bare, 'rev-parse', '--verify', '--quiet', ref]);
  } catch {
    return '';
  }
}
