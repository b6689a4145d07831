import type { Repository } from './repository.js';
import { runGit } from './run-git.js';

/** `user.name` and `user.email` from git's configuration; absent keys are undefined. */
export async function configuredIdentity(repo: Repository): Promise<{ name: string | undefined; email: string | undefined }> {
  // `git config --get` of a missing key exits 1 without a word: read as absence
  const [name, email] = await Promise.all([
    runGit(repo, ['config', '--get', 'user.name']),
    runGit(repo, ['config', '--get', 'user.email']),
  ]);
  return { name: name.trim() || undefined, email: email.trim() || undefined };
}
