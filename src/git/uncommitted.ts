import type { Repository } from './repository.js';
import { runGit } from './run-git.js';

/**
 * Whether the head side holds work that is not in HEAD's commit: for `worktree`, any change to
 * tracked files or any untracked, non-ignored file; for `index`, anything staged. Submodules are
 * left out, as the diff leaves them out.
 */
export async function hasUncommittedChanges(repo: Repository, side: 'worktree' | 'index'): Promise<boolean> {
  const output =
    side === 'worktree'
      ? await runGit(repo, ['status', '--porcelain', '-z', '--untracked-files=all', '--ignore-submodules=all'])
      : await runGit(repo, ['diff', '--cached', '--name-only', '-z', '--no-ext-diff', '--ignore-submodules=all', 'HEAD', '--']);
  return output !== '';
}
