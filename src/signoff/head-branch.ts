/** CI variables holding the source branch of a pull or merge request, in order. */
const SOURCE_BRANCH_VARIABLES: readonly string[] = [
  'GITHUB_HEAD_REF',
  'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME',
  'BITBUCKET_BRANCH',
  'BUILDKITE_BRANCH',
  'CHANGE_BRANCH',
  'CI_COMMIT_BRANCH',
];

/**
 * The branch name provenance matches: a CI pull request's source branch first (CI checks out a
 * detached merge or head commit), else the head ref blast resolved (`HeadInfo.ref`) unless it is
 * `HEAD` or a bare sha. `refs/heads/` and `refs/remotes/<remote>/` prefixes are dropped.
 */
export function headBranchName(env: Readonly<Record<string, string | undefined>>, headRef: string): string | null {
  for (const name of SOURCE_BRANCH_VARIABLES) {
    const value = env[name]?.trim();
    if (value) return stripRefPrefix(value);
  }
  if (headRef === '' || headRef === 'HEAD' || /^[0-9a-f]{7,64}$/.test(headRef)) return null;
  return stripRefPrefix(headRef);
}

function stripRefPrefix(ref: string): string {
  return ref.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\/[^/]+\//, '');
}
