import type { Repository } from './repository.js';
import { listRemotes } from './revisions.js';
import { forgetAnswers, runGit } from './run-git.js';

/** How a shallow clone is deepened, one step per attempt: a little first, then everything. */
export const DEEPEN_STEPS: readonly string[] = ['--deepen=100', '--unshallow'];

export type DeepenOutcome =
  | { kind: 'deepened'; remote: string; command: string }
  | { kind: 'no-remote' }
  | { kind: 'failed'; remote: string; command: string; reason: string };

/**
 * Fetches more history into a shallow clone from `origin` (else the first remote): `git fetch
 * --deepen=N`, or `--unshallow`. One of the few writes blast makes to a repository (DESIGN §8):
 * it only adds objects and moves remote-tracking refs. git never prompts for credentials here;
 * a remote that does not answer is a `failed` outcome, not an exception.
 */
export async function deepenHistory(repo: Repository, step: string): Promise<DeepenOutcome> {
  const remotes = await listRemotes(repo);
  const remote = remotes.includes('origin') ? 'origin' : remotes[0];
  if (remote === undefined) return { kind: 'no-remote' };
  const command = `git fetch ${step} ${remote}`;
  // a context of its own: runGit keeps one client per context object
  const context = { root: repo.root, env: { ...repo.env, GIT_TERMINAL_PROMPT: '0' } };
  try {
    await runGit(context, ['fetch', '--quiet', '--no-tags', step, remote]);
    return { kind: 'deepened', remote, command };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^git fetch failed: /, '') : String(error);
    return { kind: 'failed', remote, command, reason };
  } finally {
    // The history changed: merge-bases and revisions asked before may answer otherwise now.
    forgetAnswers(repo);
  }
}
