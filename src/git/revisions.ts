// Small read-only questions about revisions; an empty answer means "does not exist".
import type { Repository } from './repository.js';
import { runGit } from './run-git.js';

/** The id of the empty tree: the "merge-base" of a root commit. */
export function emptyTreeId(objectFormat: Repository['objectFormat']): string {
  return objectFormat === 'sha256'
    ? '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321'
    : '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
}

/** The object id `rev` peels to (`commit` or `tree`), or undefined when there is none. */
export async function resolveRevision(
  repo: Repository,
  rev: string,
  type: 'commit' | 'tree' = 'commit',
): Promise<string | undefined> {
  // A revision that starts with '-' would be read as an option; no ref name can start with one.
  if (rev === '' || rev.startsWith('-') || rev.includes('\n')) return undefined;
  try {
    const sha = (await runGit(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{${type}}`])).trim();
    return sha === '' ? undefined : sha;
  } catch (error) {
    // `--quiet` silences "not found", but not "expected commit type, but the object dereferences
    // to tree type": an object of another type is, for this question, not there either
    if (error instanceof Error && /expected \w+ type/.test(error.message + String(error.cause))) return undefined;
    throw error;
  }
}

/** The short name of the checked-out branch, or undefined when HEAD is detached. */
export async function currentBranch(repo: Repository): Promise<string | undefined> {
  const name = (await runGit(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
  return name === '' ? undefined : name;
}

/** The full ref name `rev` stands for (`refs/heads/main`), or undefined for a bare sha. */
export async function fullRefName(repo: Repository, rev: string): Promise<string | undefined> {
  if (rev.startsWith('-')) return undefined;
  const name = (await runGit(repo, ['rev-parse', '--quiet', '--symbolic-full-name', rev])).trim();
  return name.startsWith('refs/') ? name : undefined;
}

/** The target of a symbolic ref (`refs/remotes/origin/HEAD` → `refs/remotes/origin/main`). */
export async function symbolicRefTarget(repo: Repository, ref: string): Promise<string | undefined> {
  const target = (await runGit(repo, ['symbolic-ref', '--quiet', ref])).trim();
  return target === '' ? undefined : target;
}

/**
 * The commit each of `refs` (full names) leads to, and the ref a symbolic one names, in one
 * `git for-each-ref`, where asking ref by ref is a git process each. Refs that do not exist (a
 * symbolic one whose target does not either) or lead to no commit are absent.
 */
export async function refCommits(repo: Repository, refs: readonly string[]): Promise<Map<string, RefCommit>> {
  const wanted = [...new Set(refs.filter((ref) => ref.startsWith('refs/') && !ref.includes('\n')))];
  const found = new Map<string, RefCommit>();
  if (wanted.length === 0) return found;
  const format = '--format=%(refname)%00%(symref)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)';
  let listed: string;
  try {
    listed = await runGit(repo, ['for-each-ref', format, ...wanted]);
  } catch {
    // One ref whose object is missing (a damaged clone, a removed alternate) fails the whole
    // listing; asked one by one, that ref is only absent.
    return refCommitsOneByOne(repo, wanted);
  }
  for (const line of listed.split('\n')) {
    const [name = '', target = '', type, sha = '', peeledType, peeled = ''] = line.split('\0');
    // A pattern matches the refs below it too (`refs/heads/main` matches `refs/heads/main/x`).
    if (!wanted.includes(name)) continue;
    // An annotated tag is peeled once here; a tag of a tag, as `^{commit}` peels it.
    const commit = type === 'commit' ? sha : peeledType === 'commit' ? peeled : peeledType === 'tag' ? await resolveRevision(repo, name) : undefined;
    if (commit) found.set(name, { sha: commit, target: target === '' ? undefined : target });
  }
  return found;
}

export interface RefCommit {
  sha: string;
  /** The ref a symbolic ref names. */
  target: string | undefined;
}

async function refCommitsOneByOne(repo: Repository, refs: readonly string[]): Promise<Map<string, RefCommit>> {
  const found = new Map<string, RefCommit>();
  for (const ref of refs) {
    const [sha, target] = await Promise.all([resolveRevision(repo, ref), symbolicRefTarget(repo, ref)]);
    if (sha !== undefined) found.set(ref, { sha, target });
  }
  return found;
}

/** The configured remotes (`origin`, …). */
export async function listRemotes(repo: Repository): Promise<string[]> {
  return (await runGit(repo, ['remote'])).split('\n').filter((name) => name !== '');
}

/** The best common ancestor of two commits, or undefined when the histories do not meet. */
export async function mergeBase(repo: Repository, a: string, b: string): Promise<string | undefined> {
  const sha = (await runGit(repo, ['merge-base', a, b])).trim();
  return sha === '' ? undefined : sha;
}
