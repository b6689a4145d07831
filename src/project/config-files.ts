// Which files a tsconfig takes in. TypeScript applies `files` itself and asks its host to list
// directories for `include` and `exclude`; blast answers from the analysed tree (git objects,
// not the disk), with TypeScript's meaning of the patterns.
import { posix } from 'node:path';
import { compileGlobs, globBase } from '../glob.js';

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
  return candidates(paths, includes)
    .filter((path) => query.extensions.some((extension) => path.endsWith(extension)) && isIncluded(path) && !isExcluded(path))
    .map((path) => posix.join(root, path));
}

const sortedPaths = new WeakMap<readonly string[], readonly string[]>();

/**
 * The paths that start with the fixed part of some include pattern (`packages/a/src` of
 * `packages/a/src/**\/*`): a repository with a hundred tsconfigs asks this of every one, and
 * each takes in one folder of thousands. Found by binary search in the paths sorted once.
 */
function candidates(paths: readonly string[], includes: readonly string[]): readonly string[] {
  const sorted = sortedPaths.get(paths) ?? [...paths].sort();
  sortedPaths.set(paths, sorted);
  const bases = [...new Set(includes.map(globBase))].sort();
  // A base inside another adds nothing (`src` already holds `src/lib`).
  const outer = bases.filter((base, index) => !bases.slice(0, index).some((other) => base.startsWith(other)));
  if (outer.includes('')) return sorted;
  return outer.flatMap((base) => {
    const found: string[] = [];
    for (let index = lowerBound(sorted, base); index < sorted.length && sorted[index]!.startsWith(base); index++) found.push(sorted[index]!);
    return found;
  });
}

/** The first index of `sorted` whose path is not before `value`. */
function lowerBound(sorted: readonly string[], value: string): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function isInside(relative: string): boolean {
  return !relative.startsWith('..');
}

/** `src` means `src/**\/*`: a last segment without a wildcard or an extension names a folder. */
function implicitGlob(spec: string): string {
  return /[.*?]/.test(posix.basename(spec)) ? spec : posix.join(spec, '**/*');
}
