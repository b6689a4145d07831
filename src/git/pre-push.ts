// What git hands a pre-push hook (githooks(5)): the remote's name and URL as arguments, and one
// line per ref on stdin, `<local ref> SP <local sha> SP <remote ref> SP <remote sha>`.
import { UsageError } from '../errors.js';
import type { ResolvedBase } from '../types.js';
import { resolveBase, type BaseOptions } from './base.js';
import type { Repository } from './repository.js';
import { fullRefName, resolveRevision } from './revisions.js';

export interface PushedRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

/** Why a pushed ref is not checked. */
export type PushSkip = 'deletion' | 'nothing new' | 'not a commit';

/** One pushed ref: skipped, or the range to analyse (`head` names the local commit). */
export type PushPlan =
  | { ref: PushedRef; name: string; skip: PushSkip }
  | { ref: PushedRef; name: string; head: string; base: ResolvedBase };

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ZERO_SHA = /^0+$/;

/**
 * The lines git writes to a pre-push hook's stdin; blank lines are ignored.
 * Throws UsageError for a line that is not `<local ref> <local sha> <remote ref> <remote sha>`.
 */
export function parsePushedRefs(input: string): PushedRef[] {
  const refs: PushedRef[] = [];
  for (const [index, line] of input.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const fields = line.trim().split(/\s+/);
    const [localRef, localSha, remoteRef, remoteSha] = fields;
    if (fields.length !== 4 || !localRef || !remoteRef || !localSha || !remoteSha || !SHA.test(localSha) || !SHA.test(remoteSha)) {
      throw new UsageError(
        `line ${index + 1} of the pre-push input is not '<local ref> <local sha> <remote ref> <remote sha>': '${line.slice(0, 120)}'`,
        { hint: 'blast check --pre-push reads what git gives a pre-push hook on stdin; run it from the hook (`blast hook install`)' },
      );
    }
    refs.push({ localRef, localSha, remoteRef, remoteSha });
  }
  return refs;
}

export interface PushOptions extends Omit<BaseOptions, 'head' | 'push' | 'ci' | 'env'> {
  /** The remote's name, or its URL when the push named no configured remote. */
  remote: string;
}

/**
 * The range of each pushed ref (DESIGN §3): deletions and refs that bring nothing new are
 * skipped; otherwise the base is the merge-base of the remote's default branch and the local
 * sha, which is the head, read from git objects. Refs are planned in order, one at a time.
 * Errors: as resolveBase (a missing base is exit 2 unless `onMissingBase: all`).
 */
export async function planPush(repo: Repository, refs: readonly PushedRef[], options: PushOptions): Promise<PushPlan[]> {
  const plans: PushPlan[] = [];
  for (const ref of refs) {
    const name = displayName(ref);
    if (ZERO_SHA.test(ref.localSha)) {
      plans.push({ ref, name, skip: 'deletion' });
      continue;
    }
    if (ref.localSha === ref.remoteSha) {
      plans.push({ ref, name, skip: 'nothing new' });
      continue;
    }
    // a tag may point at a tree or a blob: there is no code change to judge
    const commit = await resolveRevision(repo, ref.localSha);
    if (commit === undefined) {
      plans.push({ ref, name, skip: 'not a commit' });
      continue;
    }
    const head = await headRef(repo, ref, commit);
    const base = await resolveBase(repo, {
      ...options,
      env: {},
      head: { kind: 'commit', ref: head },
      push: { remote: options.remote, remoteSha: ref.remoteSha },
    });
    if (base.mergeBase === commit) plans.push({ ref, name, skip: 'nothing new' });
    else plans.push({ ref, name, head, base });
  }
  return plans;
}

/** The local branch when it is what is pushed (provenance reads branch names), else the sha. */
async function headRef(repo: Repository, ref: PushedRef, commit: string): Promise<string> {
  if (!ref.localRef.startsWith('refs/heads/')) return commit;
  const full = await fullRefName(repo, ref.localRef);
  return full === ref.localRef && (await resolveRevision(repo, ref.localRef)) === commit ? ref.localRef : commit;
}

/** How the report names a pushed ref: the remote branch or tag it updates, without its prefix. */
function displayName(ref: PushedRef): string {
  return ref.remoteRef.replace(/^refs\/(heads|tags)\//, '');
}
