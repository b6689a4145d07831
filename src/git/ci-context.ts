// What CI systems say about a build beyond the pull-request variables that base.ts reads:
// GitHub's event payload (a pull request's head, a merge queue's base, a push's before-sha) and
// GitLab's merged-results and push variables.
import { readFile } from 'node:fs/promises';

/** Facts of the CI build that change the range (DESIGN §3). Every field is a full commit sha. */
export interface CiContext {
  /**
   * The head commit of the pull or merge request, when the checkout is a synthetic merge commit
   * (GitHub `pull_request`, GitLab merged-results pipelines): the head side of the range.
   */
  pullRequestHead?: string;
  /** GitHub `merge_group`: the base of the merge-queue entry. */
  mergeGroupBase?: string;
  /** A push build: what the pushed branch pointed at before the push (never all zeros). */
  pushBefore?: string;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ZERO = /^0+$/;

function shaOf(value: unknown): string | undefined {
  return typeof value === 'string' && SHA.test(value) && !ZERO.test(value) ? value : undefined;
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Reads the CI context from `env` (and, on GitHub Actions, the event payload at
 * `GITHUB_EVENT_PATH`). Never throws: an unreadable payload is reported through `warn` and
 * leaves its fields out, so the base falls back to the variables DESIGN §3 lists.
 */
export async function readCiContext(env: Readonly<Record<string, string | undefined>>, warn: (message: string) => void = () => {}): Promise<CiContext> {
  const context: CiContext = {};
  const eventName = env.GITHUB_EVENT_NAME;
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventName && eventPath) {
    const event = await readFile(eventPath, 'utf8').then(
      (text) => JSON.parse(text) as unknown,
      (error: unknown) => {
        warn(`cannot read the GitHub event payload '${eventPath}' (${error instanceof Error ? error.message : String(error)}); using HEAD and the CI variables`);
        return undefined;
      },
    ).catch(() => {
      warn(`the GitHub event payload '${eventPath}' is not JSON; using HEAD and the CI variables`);
      return undefined;
    });
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
      const head = shaOf(field(event, 'pull_request', 'head', 'sha'));
      if (head) context.pullRequestHead = head;
    } else if (eventName === 'merge_group') {
      const base = shaOf(field(event, 'merge_group', 'base_sha'));
      if (base) context.mergeGroupBase = base;
    } else if (eventName === 'push') {
      const before = shaOf(field(event, 'before'));
      if (before) context.pushBefore = before;
    }
  }
  // GitLab merged-results pipelines check out a merge commit too; this is the source branch's tip
  const gitlabHead = shaOf(env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA);
  if (context.pullRequestHead === undefined && gitlabHead) context.pullRequestHead = gitlabHead;
  const gitlabBefore = shaOf(env.CI_COMMIT_BEFORE_SHA);
  if (context.pushBefore === undefined && gitlabBefore && !env.CI_MERGE_REQUEST_IID) context.pushBefore = gitlabBefore;
  return context;
}
