import { GitError, type ErrorOptions } from '../errors.js';

/**
 * The base cannot be used: no candidate exists, a base named by CI or the policy is not there,
 * or the head and the base have no merge base. `onMissingBase: all` turns exactly these into
 * "every file is changed"; a `--base` that does not exist stays an error (the user named it).
 */
export class MissingBaseError extends GitError {
  /** True when the clone is shallow, so fetching more history may cure it. */
  readonly isShallow: boolean;
  constructor(message: string, options: ErrorOptions & { isShallow?: boolean } = {}) {
    super(message, options);
    this.isShallow = options.isShallow === true;
  }
}

/** How every shallow-history error ends: the fix, for a terminal and for GitHub Actions. */
const UNSHALLOW_FIX = 'fetch the history with `git fetch --unshallow` (in GitHub Actions, `fetch-depth: 0`)';

/** `<problem>: this is a shallow clone; fetch the history with …`. */
export function shallowHistoryError(problem: string): MissingBaseError {
  return new MissingBaseError(`${problem}: this is a shallow clone; ${UNSHALLOW_FIX}`, { isShallow: true });
}
