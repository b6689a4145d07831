import type { ChalkInstance } from 'chalk';

/** The output formats of `src/report/`. */
export type Format = 'text' | 'json' | 'markdown' | 'github' | 'sarif' | 'dot' | 'mermaid';

/**
 * How to render. Paths are always shown repo-relative, as they are in the result: a report
 * reads the same from any working directory and in CI logs.
 */
export interface RenderOptions {
  /** Built by the CLI from `--color/--no-color`, `NO_COLOR`, `FORCE_COLOR` and the TTY. */
  chalk: ChalkInstance;
  /** Lift the caps on listed files, names, tests and changed symbols. */
  verbose: boolean;
  /** How many why-paths to print; 3 in text and 5 in markdown when not given. */
  maxPaths?: number;
  /** How many symbols `dot` and `mermaid` draw before summarising the rest; 50 when not given. */
  maxNodes?: number;
}
