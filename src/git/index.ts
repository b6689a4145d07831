/**
 * The git stage: the only code that runs git.
 *
 * Input: a working directory, the head mode (worktree, index or a commit) and the base options
 * (`--base`, CI variables and event payloads, the policy's base, a pushed ref's remote).
 * Output, as plain data: the repository's paths, the resolved base and merge-base (DESIGN §3),
 * the head's identity, the changed files with their line ranges on both sides, the file list of any side with blob ids, and file texts; the plan of
 * a pre-push check; blast's pre-push hook file. Writes: the hook, and fetching history into a
 * shallow clone (deepening) when the base needs it.
 * Errors: every failure is a GitError (exit 2) whose message says what to do: not a repository,
 * unknown base or head ref, no base branch, no merge base (shallow clone or unrelated histories),
 * no commits yet; MissingBaseError (a GitError) for a base that cannot be used, which
 * `onMissingBase: all` turns into the empty tree. UsageError for a foreign hook in the way.
 */
export { openRepository, isShallowRepository, type Repository, type OpenOptions } from './repository.js';
export { resolveBase, type BaseOptions } from './base.js';
export { MissingBaseError } from './missing-base.js';
export { readCiContext, type CiContext } from './ci-context.js';
export { parsePushedRefs, planPush, type PushedRef, type PushPlan, type PushSkip, type PushOptions } from './pre-push.js';
export { hooksDirectory, installPrePushHook, uninstallPrePushHook, prePushScript, type HookCommand, type HookInstallation, type HookRemoval } from './hooks.js';
export { describeHead, type HeadInfo } from './head.js';
export { changedFiles } from './diff.js';
export { listFiles, type ListOptions, type Side } from './tree.js';
export { readFiles } from './blob-reader.js';
export { emptyTreeId } from './revisions.js';
export { hashBlob } from './hash-blob.js';
export * from './signoff-git.js';
