import type { Repository } from './repository.js';
import { runGit } from './run-git.js';
import { worktreeChanges } from './tree.js';

/**
 * Whether the head side holds work that is not in HEAD's commit: for `worktree`, any change to
 * tracked files or any untracked, non-ignored file; for `index`, anything staged. Submodules are
 * left out, as the diff leaves them out. The working tree's side is what the listing of the
 * working tree asked git (see `worktreeChanges`), and the index only when that shows nothing.
 */
export async function hasUncommittedChanges(repo: Repository, side: 'worktree' | 'index'): Promise<boolean> {
  if (side === 'worktree') {
    const { changed, untracked } = await worktreeChanges(repo);
    if (changed.length > 0 || untracked.length > 0) return true;
  }
  return (await runGit(repo, ['diff', '--cached', '--name-only', '-z', '--no-ext-diff', '--ignore-submodules=all', 'HEAD', '--'])) !== '';
}
