// The one glob matcher of the project, so that every stage agrees on what a pattern means.
import picomatch from 'picomatch';

export type PathMatcher = (path: string) => boolean;

/**
 * A matcher for repo-relative `/` paths; dotfiles match like any other file unless `dot` is
 * false (then a wildcard never matches a name that starts with `.`, as in tsconfig `include`).
 */
export function compileGlobs(patterns: readonly string[], options: { dot?: boolean } = {}): PathMatcher {
  if (patterns.length === 0) return () => false;
  const isMatch = picomatch([...patterns], { dot: options.dot ?? true });
  return (path) => isMatch(path);
}

/** The part of a pattern before its first wildcard (`src/lib` of `src/lib/**\/*.ts`): every path it matches starts so. */
export function globBase(pattern: string): string {
  return picomatch.scan(pattern).base;
}
