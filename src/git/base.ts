import { GitError } from '../errors.js';
import type { HeadMode, ResolvedBase } from '../types.js';
import { headDetails, type HeadDetails } from './head.js';
import { isShallowRepository, type Repository } from './repository.js';
import {
  emptyTreeId,
  listRemotes,
  mergeBase,
  resolveRevision,
  symbolicRefTarget,
} from './revisions.js';

export interface BaseOptions {
  /** `--base`. */
  explicitBase?: string;
  /** The environment CI pull-request variables are read from (never `process.env`). */
  env: Readonly<Record<string, string | undefined>>;
  /** The policy's `base` key. */
  policyBase?: string;
  head: HeadMode;
}

/** CI variables naming a pull request's target, in the order DESIGN §3 tries them. */
const PULL_REQUEST_VARIABLES: ReadonlyArray<{ name: string; isSha: boolean }> = [
  { name: 'GITHUB_BASE_REF', isSha: false },
  { name: 'CI_MERGE_REQUEST_DIFF_BASE_SHA', isSha: true },
  { name: 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME', isSha: false },
  { name: 'BITBUCKET_PR_DESTINATION_BRANCH', isSha: false },
  { name: 'BUILDKITE_PULL_REQUEST_BASE_BRANCH', isSha: false },
  { name: 'CHANGE_TARGET', isSha: false },
];

const DEFAULT_BRANCHES: ReadonlyArray<{ ref: string; full: string }> = [
  { ref: 'origin/main', full: 'refs/remotes/origin/main' },
  { ref: 'origin/master', full: 'refs/remotes/origin/master' },
  { ref: 'main', full: 'refs/heads/main' },
  { ref: 'master', full: 'refs/heads/master' },
];

interface BaseCandidate {
  ref: string;
  sha: string;
  reason: string;
  /** Found without anyone naming a pull request's target: the default-branch rule applies. */
  isDefault: boolean;
}

/**
 * Resolves the base ref and the merge-base with the head side (DESIGN §3), first found: `--base`;
 * a CI pull-request variable (branch names tried as `origin/<name>`, then `<name>`); the policy's
 * `base`; `refs/remotes/origin/HEAD`; `origin/main`, `origin/master`; `main`, `master`.
 * On the default branch itself (the head is on the base branch, or detached at the base's commit)
 * with no pull request and no `--base`, the base is the head's previous commit, or the empty tree
 * for a root commit.
 * Throws GitError (exit 2) for a named ref that does not exist, when no candidate exists, when
 * there is no merge base (with the `--unshallow` fix in a shallow clone), and when the repository
 * has no commits.
 */
export async function resolveBase(repo: Repository, options: BaseOptions): Promise<ResolvedBase> {
  const head = await headDetails(repo, options.head);
  const base = await findBase(repo, options);
  if (base.isDefault && (await isOnBaseBranch(repo, head, base))) {
    return previousCommit(repo, head, base);
  }
  const sha = await mergeBase(repo, base.sha, head.sha);
  if (sha === undefined) throw await noMergeBase(repo, head, base.ref);
  return { ref: base.ref, sha: base.sha, mergeBase: sha, reason: base.reason };
}

async function findBase(repo: Repository, options: BaseOptions): Promise<BaseCandidate> {
  if (options.explicitBase !== undefined) {
    return { ...(await requireRef(repo, [options.explicitBase])), reason: '--base', isDefault: false };
  }
  for (const variable of PULL_REQUEST_VARIABLES) {
    const value = options.env[variable.name]?.trim();
    if (value === undefined || value === '') continue;
    const names = variable.isSha ? [value] : [`origin/${value}`, value];
    return { ...(await requireRef(repo, names)), reason: variable.name, isDefault: false };
  }
  if (options.policyBase !== undefined && options.policyBase !== '') {
    const names = [options.policyBase];
    // `base: main` in a CI checkout, where only the remote-tracking branch exists
    if (!options.policyBase.startsWith('origin/') && !options.policyBase.startsWith('refs/')) {
      names.push(`origin/${options.policyBase}`);
    }
    return { ...(await requireRef(repo, names)), reason: 'policy base', isDefault: true };
  }
  const originHead = await symbolicRefTarget(repo, 'refs/remotes/origin/HEAD');
  if (originHead !== undefined) {
    const sha = await resolveRevision(repo, originHead);
    if (sha !== undefined) {
      return { ref: originHead.replace(/^refs\/remotes\//, ''), sha, reason: 'origin/HEAD', isDefault: true };
    }
  }
  for (const candidate of DEFAULT_BRANCHES) {
    const sha = await resolveRevision(repo, candidate.full);
    if (sha !== undefined) {
      return { ref: candidate.ref, sha, reason: `default branch '${candidate.ref}'`, isDefault: true };
    }
  }
  throw new GitError(
    'no base branch found (tried origin/HEAD, origin/main, origin/master, main, master); pass --base <ref>',
  );
}

/** The first of `names` that exists; the error names the first one. */
async function requireRef(repo: Repository, names: readonly string[]): Promise<{ ref: string; sha: string }> {
  for (const name of names) {
    const sha = await resolveRevision(repo, name);
    if (sha !== undefined) return { ref: name, sha };
  }
  const ref = names[0] ?? '';
  throw new GitError(`base ref '${ref}' not found; fetch it first (\`${await fetchCommand(repo, ref)}\`)`);
}

async function fetchCommand(repo: Repository, ref: string): Promise<string> {
  const [remote, branch] = await splitRemote(repo, ref);
  return `git fetch ${remote ?? 'origin'} ${branch}`;
}

/** `origin/main` → ['origin', 'main']; `main` → [undefined, 'main']. `origin` counts as a remote even when absent. */
async function splitRemote(repo: Repository, ref: string): Promise<[string | undefined, string]> {
  const name = ref.replace(/^refs\/(remotes|heads)\//, '');
  const slash = name.indexOf('/');
  if (slash > 0) {
    const remote = name.slice(0, slash);
    if (remote === 'origin' || (await listRemotes(repo)).includes(remote)) return [remote, name.slice(slash + 1)];
  }
  return [undefined, name];
}

/**
 * "On the default branch itself": checked out on the base branch, or detached at the base's
 * commit (a CI build of a push). A new branch that has not moved from the base yet is not.
 */
async function isOnBaseBranch(repo: Repository, head: HeadDetails, base: BaseCandidate): Promise<boolean> {
  if (head.branch !== undefined) return head.branch === (await splitRemote(repo, base.ref))[1];
  return head.sha === base.sha;
}

async function previousCommit(repo: Repository, head: HeadDetails, base: BaseCandidate): Promise<ResolvedBase> {
  const [, branch] = await splitRemote(repo, base.ref);
  const parent = await resolveRevision(repo, `${head.sha}~1`);
  if (parent !== undefined) {
    return {
      ref: `${head.label === 'HEAD' ? 'HEAD' : head.ref}~1`,
      sha: parent,
      mergeBase: parent,
      reason: `on the default branch '${branch}': comparing with the previous commit`,
    };
  }
  if (await isShallowRepository(repo)) {
    throw new GitError(
      `no previous commit of ${head.label} to compare with on the default branch '${branch}': ` +
        'this is a shallow clone; fetch the history with `git fetch --unshallow` (in GitHub Actions, `fetch-depth: 0`)',
    );
  }
  // A root commit: everything in it is new, which is the honest answer (never "nothing changed").
  const emptyTree = emptyTreeId(repo.objectFormat);
  return {
    ref: emptyTree,
    sha: emptyTree,
    mergeBase: emptyTree,
    reason: `on the default branch '${branch}' at its first commit: comparing with the empty tree`,
  };
}

async function noMergeBase(repo: Repository, head: HeadDetails, baseRef: string): Promise<GitError> {
  const between = `no merge base between ${head.label} and '${baseRef}'`;
  if (await isShallowRepository(repo)) {
    return new GitError(
      `${between}: this is a shallow clone; fetch the history with \`git fetch --unshallow\` (in GitHub Actions, \`fetch-depth: 0\`)`,
    );
  }
  return new GitError(`${between}: the histories are unrelated; pass --base <ref>`);
}
