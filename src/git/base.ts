import { GitError } from '../errors.js';
import type { HeadMode, ResolvedBase } from '../types.js';
import type { CiContext } from './ci-context.js';
import { DEEPEN_STEPS, deepenHistory } from './deepen.js';
import { headDetails, type HeadDetails } from './head.js';
import { MissingBaseError, shallowHistoryError } from './missing-base.js';
import { isShallowRepository, type Repository } from './repository.js';
import {
  emptyTreeId,
  listRemotes,
  mergeBase,
  refCommits,
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
  /** What the CI build says beyond the variables: a merge queue's base, a push's before-sha. */
  ci?: CiContext;
  /**
   * A pre-push check of one ref: the remote pushed to (its name, or the URL git was given) and
   * the sha the remote ref has now (all zeros for a new ref). CI variables are not read then.
   */
  push?: { remote: string; remoteSha: string };
  /** The policy's `onMissingBase`: `all` compares with the empty tree when no base can be used. */
  onMissingBase?: 'fail' | 'all';
  /** false: never fetch, even to deepen a shallow clone (default true). */
  deepen?: boolean;
  /** What blast did that the user should know: a deepened clone, a missing base taken as "all". */
  onNote?: (message: string) => void;
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

const ZERO_SHA = /^0+$/;

interface BaseCandidate {
  ref: string;
  sha: string;
  reason: string;
  /** Found without anyone naming a pull request's target: the default-branch rule applies. */
  isDefault: boolean;
}

/**
 * Resolves the base ref and the merge-base with the head side (DESIGN §3), first found: `--base`;
 * a merge queue's base (GitHub `merge_group`); a CI pull-request variable (branch names tried as
 * `origin/<name>`, then `<name>`); the policy's `base`; `refs/remotes/origin/HEAD`; `origin/main`,
 * `origin/master`; `main`, `master`. On the default branch itself (the head is on the base branch,
 * or detached at the base's commit) with no pull request and no `--base`, the base is the push's
 * before-sha when CI gives one, else the head's previous commit, or the empty tree for a root
 * commit. For a pre-push check (`push`), the remote's default branch comes first instead.
 *
 * A shallow clone missing the history it needs is deepened (`git fetch --deepen`, then
 * `--unshallow`) when a remote answers, and resolution is tried again.
 * Throws GitError (exit 2) for a `--base` or head that does not exist and for a repository with
 * no commits; MissingBaseError (a GitError) when no base can be used (no candidate, a named base
 * not fetched, no merge base), unless `onMissingBase` is `all`: then the empty tree is the base
 * and every file counts as changed.
 */
export async function resolveBase(repo: Repository, options: BaseOptions): Promise<ResolvedBase> {
  const steps = options.deepen === false ? [] : DEEPEN_STEPS;
  for (let attempt = 0; ; attempt++) {
    let error: unknown;
    try {
      return await resolveOnce(repo, options);
    } catch (caught) {
      error = caught;
    }
    const step = steps[attempt];
    if (error instanceof MissingBaseError && error.isShallow && step !== undefined) {
      const outcome = await deepenHistory(repo, step);
      if (outcome.kind === 'deepened') {
        options.onNote?.(`the clone is shallow: fetched more history (\`${outcome.command}\`) to find the base`);
        continue;
      }
      if (outcome.kind === 'failed') {
        error = new MissingBaseError(`${error.message}; fetching more history from '${outcome.remote}' failed: ${outcome.reason}`, { cause: error, isShallow: true });
      }
    }
    if (error instanceof MissingBaseError && options.onMissingBase === 'all') return everythingChanged(repo, error, options);
    throw error;
  }
}

async function resolveOnce(repo: Repository, options: BaseOptions): Promise<ResolvedBase> {
  if (options.head.kind === 'commit' && (await resolveRevision(repo, options.head.ref)) === undefined && (await isShallowRepository(repo))) {
    throw shallowHistoryError(`head commit '${options.head.ref}' not found`);
  }
  const head = await headDetails(repo, options.head);
  const base = await findBase(repo, options);
  if (base.isDefault && (await isOnBaseBranch(repo, head, base))) {
    return (await pushBefore(repo, head, base, options.ci?.pushBefore)) ?? previousCommit(repo, head, base);
  }
  const sha = await mergeBase(repo, base.sha, head.sha);
  if (sha === undefined) throw await noMergeBase(repo, head, base.ref);
  if (options.push && sha === head.sha) {
    const before = await remoteBefore(repo, head, options.push);
    if (before !== undefined) return before;
  }
  return { ref: base.ref, sha: base.sha, mergeBase: sha, reason: base.reason };
}

/** `onMissingBase: all`: the empty tree as the base, so every file at head is an added file. */
function everythingChanged(repo: Repository, error: MissingBaseError, options: BaseOptions): ResolvedBase {
  options.onNote?.(`${error.message}; onMissingBase is 'all', so every file counts as changed`);
  const emptyTree = emptyTreeId(repo.objectFormat);
  return { ref: emptyTree, sha: emptyTree, mergeBase: emptyTree, reason: 'no base found: onMissingBase: all compares with the empty tree' };
}

async function findBase(repo: Repository, options: BaseOptions): Promise<BaseCandidate> {
  if (options.explicitBase !== undefined) {
    return { ...(await requireRef(repo, [options.explicitBase], false)), reason: '--base', isDefault: false };
  }
  if (options.push !== undefined) return findPushBase(repo, options, options.push.remote);
  if (options.ci?.mergeGroupBase !== undefined) {
    return { ...(await requireRef(repo, [options.ci.mergeGroupBase], true)), reason: 'merge_group base_sha', isDefault: false };
  }
  for (const variable of PULL_REQUEST_VARIABLES) {
    const value = options.env[variable.name]?.trim();
    if (value === undefined || value === '') continue;
    const names = variable.isSha ? [value] : [`origin/${value}`, value];
    return { ...(await requireRef(repo, names, true)), reason: variable.name, isDefault: false };
  }
  const policyBase = await findPolicyBase(repo, options);
  if (policyBase !== undefined) return policyBase;
  const found = await findDefaultBranch(repo);
  if (found !== undefined) return found;
  throw new MissingBaseError(
    'no base branch found (tried origin/HEAD, origin/main, origin/master, main, master); pass --base <ref>',
  );
}

async function findPolicyBase(repo: Repository, options: BaseOptions): Promise<BaseCandidate | undefined> {
  if (options.policyBase === undefined || options.policyBase === '') return undefined;
  const names = [options.policyBase];
  // `base: main` in a CI checkout, where only the remote-tracking branch exists
  if (!options.policyBase.startsWith('origin/') && !options.policyBase.startsWith('refs/')) {
    names.push(`origin/${options.policyBase}`);
  }
  return { ...(await requireRef(repo, names, true)), reason: 'policy base', isDefault: true };
}

/** `origin/HEAD`, then `origin/main`, `origin/master`, `main`, `master`. */
async function findDefaultBranch(repo: Repository): Promise<BaseCandidate | undefined> {
  // Asked all at once, the first found wins: a question each would be a git process each, and a pre-push hook waits for them.
  const tips = await refCommits(repo, ['refs/remotes/origin/HEAD', ...DEFAULT_BRANCHES.map((candidate) => candidate.full)]);
  const originHead = tips.get('refs/remotes/origin/HEAD');
  if (originHead?.target !== undefined) return { ref: originHead.target.replace(/^refs\/remotes\//, ''), sha: originHead.sha, reason: 'origin/HEAD', isDefault: true };
  const candidate = DEFAULT_BRANCHES.find(({ full }) => tips.has(full));
  return candidate && { ref: candidate.ref, sha: tips.get(candidate.full)!.sha, reason: `default branch '${candidate.ref}'`, isDefault: true };
}

/** The default branch of `remote` as git knows it (`refs/remotes/<remote>/HEAD`). */
async function remoteHead(repo: Repository, remote: string): Promise<{ ref: string; sha: string } | undefined> {
  const target = await symbolicRefTarget(repo, `refs/remotes/${remote}/HEAD`);
  if (target === undefined) return undefined;
  const sha = await resolveRevision(repo, target);
  return sha === undefined ? undefined : { ref: target.replace(/^refs\/remotes\//, ''), sha };
}

/**
 * The base of a pushed ref (DESIGN §3, `--pre-push`): the default branch of the remote pushed
 * to (`refs/remotes/<remote>/HEAD`); the policy's base; `<remote>/main`, `<remote>/master`; then
 * the usual defaults. The default-branch rule does not apply: pushing the default branch itself
 * compares with what the remote has.
 */
async function findPushBase(repo: Repository, options: BaseOptions, remote: string): Promise<BaseCandidate> {
  // git passes a URL instead of a name when the push named no configured remote
  const isNamed = (await listRemotes(repo)).includes(remote);
  if (isNamed) {
    const head = await remoteHead(repo, remote);
    if (head !== undefined) return { ...head, reason: `default branch of '${remote}' (${remote}/HEAD)`, isDefault: false };
  }
  const policyBase = await findPolicyBase(repo, options);
  if (policyBase !== undefined) return { ...policyBase, isDefault: false };
  if (isNamed && remote !== 'origin') {
    for (const branch of ['main', 'master']) {
      const sha = await resolveRevision(repo, `refs/remotes/${remote}/${branch}`);
      if (sha !== undefined) return { ref: `${remote}/${branch}`, sha, reason: `default branch '${remote}/${branch}'`, isDefault: false };
    }
  }
  const found = await findDefaultBranch(repo);
  if (found !== undefined) return { ...found, isDefault: false };
  throw new MissingBaseError(
    `no base branch found for the push to '${remote}' (tried ${isNamed ? `${remote}/HEAD, ` : ''}origin/HEAD, origin/main, origin/master, main, master); ` +
      `set it with \`git remote set-head ${isNamed ? remote : 'origin'} --auto\`, or set \`base\` in the policy`,
  );
}

/**
 * A pushed ref with nothing beyond its base, whose remote counterpart is behind it (a local base
 * branch pushed ahead of a stale base): the commits since the remote's old sha are the change.
 */
async function remoteBefore(repo: Repository, head: HeadDetails, push: NonNullable<BaseOptions['push']>): Promise<ResolvedBase | undefined> {
  const before = push.remoteSha;
  if (ZERO_SHA.test(before) || before === head.sha) return undefined;
  if ((await resolveRevision(repo, before)) === undefined) return undefined;
  if ((await mergeBase(repo, before, head.sha)) !== before) return undefined;
  return { ref: before, sha: before, mergeBase: before, reason: "the remote ref's sha before this push" };
}

/** The first of `names` that exists; the error names the first one. */
async function requireRef(repo: Repository, names: readonly string[], isFound: boolean): Promise<{ ref: string; sha: string }> {
  for (const name of names) {
    const sha = await resolveRevision(repo, name);
    if (sha !== undefined) return { ref: name, sha };
  }
  const ref = names[0] ?? '';
  const message = `base ref '${ref}' not found; fetch it first (\`${await fetchCommand(repo, ref)}\`)`;
  // `--base` names what the user wants: never taken as "all". A ref that CI or the policy named
  // may be absent because the clone is shallow (a single-branch checkout): fetching may bring it.
  if (!isFound) throw new GitError(message);
  throw new MissingBaseError(message, { isShallow: await isShallowRepository(repo) });
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

/**
 * A CI build of a push to the default branch: the commits the push brought, from the sha the
 * branch had before. Undefined (use the previous commit) when there is no before-sha, or it is
 * not an ancestor of the head (a force push); a missing one in a shallow clone is missing history.
 */
async function pushBefore(repo: Repository, head: HeadDetails, base: BaseCandidate, before: string | undefined): Promise<ResolvedBase | undefined> {
  if (before === undefined || before === head.sha) return undefined;
  const [, branch] = await splitRemote(repo, base.ref);
  if ((await resolveRevision(repo, before)) === undefined) {
    if (await isShallowRepository(repo)) throw shallowHistoryError(`the push's before-sha '${before.slice(0, 12)}' is not in the clone`);
    return undefined;
  }
  if ((await mergeBase(repo, before, head.sha)) !== before) return undefined;
  return { ref: before, sha: before, mergeBase: before, reason: `push to the default branch '${branch}': comparing with the push's before-sha` };
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
    throw shallowHistoryError(`no previous commit of ${head.label} to compare with on the default branch '${branch}'`);
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
  if (await isShallowRepository(repo)) return shallowHistoryError(between);
  return new MissingBaseError(`${between}: the histories are unrelated; pass --base <ref>`);
}
