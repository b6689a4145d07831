import type { Repository } from './repository.js';
import { runGit } from './run-git.js';

/**
 * Untracked files git does not ignore, repo-relative. Nested repositories (listed as `dir/`) are
 * left out: their files belong to another repository.
 */
export async function listUntracked(repo: Repository): Promise<string[]> {
  const output = await runGit(repo, ['ls-files', '--others', '--exclude-standard', '-z']);
  return output.split('\0').filter((path) => path !== '' && !path.endsWith('/'));
}
