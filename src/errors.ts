// Error classes with their exit codes (DESIGN §4). Exit 1 means one thing only: the policy
// failed the change. Every error a user can cause is a BlastError with exit code 2; anything
// else reaching the CLI is an internal error, also exit 2.

export type ExitCode = 0 | 1 | 2;

export interface ErrorOptions {
  cause?: unknown;
  /** What to do about it, printed after the message. */
  hint?: string;
}

export abstract class BlastError extends Error {
  readonly exitCode: ExitCode = 2;
  readonly hint: string | undefined;
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
    this.name = new.target.name;
  }
}

/** Bad flags or arguments. */
export class UsageError extends BlastError {}

export interface ConfigIssue {
  file: string;
  line: number;
  col: number;
  /** Dotted path of the offending key, e.g. `thresholds.fail.files`. */
  path: string;
  message: string;
}

/** An invalid or missing policy; carries every problem found, not just the first. */
export class ConfigError extends BlastError {
  readonly issues: readonly ConfigIssue[];
  constructor(message: string, issues: readonly ConfigIssue[] = [], options: ErrorOptions = {}) {
    super(message, options);
    this.issues = issues;
  }
}

/** git failed, or the repository is not in a state blast can read (no base, shallow clone). */
export class GitError extends BlastError {}

/** A tsconfig or the source file set could not be read. */
export class ProjectError extends BlastError {}
