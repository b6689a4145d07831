/**
 * Flags for every `git diff` blast runs, so that no user or system configuration changes what
 * is parsed: no colour, no external diff or textconv driver, fixed `a/`/`b/` prefixes (against
 * `diff.noprefix` and `diff.mnemonicPrefix`), submodules left out (they are not source files),
 * and a fixed algorithm so hunks are the same on every machine.
 */
export const DIFF_FLAGS: readonly string[] = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--ignore-submodules=all',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--diff-algorithm=myers',
  '--indent-heuristic',
  '--inter-hunk-context=0',
];
