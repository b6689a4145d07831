// Which files a tsconfig takes in. TypeScript applies `files` itself and asks its host to list
// directories for `include` and `exclude`; blast answers from the analysed tree (git objects,
// not the disk), with TypeScript's meaning of the patterns.
import { posix } from 'node:path';
import { compileGlobs } from '../glob.js';

export interface DirectoryQuery {
  /** Absolute directory of the config the specs belong to. */
  rootDir: string;
  /** Extensions the config's options admit (`.ts`, `.d.ts`, and `.js` with `allowJs`). */
  extensions: readonly string[];
  excludes: readonly string[] | undefined;
  includes: readonly string[] | undefined;
}

/** The absolute paths among `paths` (repo-relative, under `root`) that the specs take in. */
export function matchConfigFiles(root: string, paths: readonly string[], query: DirectoryQuery): string[] {
  const toRelative = (spec: string) => posix.relative(root, posix.resolve(query.rootDir, spec));
  const includes = (query.includes ?? []).map(toRelative).filter(isInside).map(implicitGlob);
  // Wildcards of `include` skip dot-folders and dotfiles; `exclude` patterns cover whole folders.
  const isIncluded = compileGlobs(includes, { dot: false });
  const isExcluded = compileGlobs((query.excludes ?? []).map(toRelative).filter(isInside).flatMap((spec) => [spec, posix.join(spec, '**')]));
  return paths
    .filter((path) => query.extensions.some((extension) => path.endsWith(extension)) && isIncluded(path) && !isExcluded(path))
    .map((path) => posix.join(root, path));
}

function isInside(relative: string): boolean {
  return !relative.startsWith('..');
}

/** `src` means `src/**\/*`: a last segment without a wildcard or an extension names a folder. */
function implicitGlob(spec: string): string {
  return /[.*?]/.test(posix.basename(spec)) ? spec : posix.join(spec, '**/*');
}
