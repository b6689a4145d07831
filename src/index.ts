// The programmatic API: `analyze(options)` returns the same Result as `blast check --format json`.
export { analyze, check, type CheckOptions, type CheckOutcome } from './run.js';
export { BlastError, ConfigError, GitError, ProjectError, UsageError, type ConfigIssue, type ExitCode } from './errors.js';
export type * from './types.js';
