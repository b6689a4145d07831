// The entry files of the repository's packages (DESIGN §2 Lists): what the root package.json and
// each workspace package's manifest publish through `exports`, `main`, `module`, `types` and
// `bin`, mapped back from built output (`dist/index.js`) to the source that produces it.
import { posix } from 'node:path';
import { findSource, parseManifest, sourceCandidates, workspacePackages, type PackageManifest } from './workspace-packages.js';

export interface PackageEntries {
  /** Repo-relative path of the manifest. */
  manifest: string;
  /** Source files whose exports the package publishes. */
  files: string[];
  /** Source files of `bin` scripts: all of their code is the package's surface. */
  scripts: string[];
}

/** The entry files of the root manifest and of each workspace package, sorted by manifest. */
export function packageEntries(paths: readonly string[], readText: (path: string) => string | undefined): PackageEntries[] {
  const exists = new Set(paths);
  const has = (path: string) => exists.has(path);
  const sorted = [...paths].sort(compareText);
  const manifests: Array<{ manifest: string; dir: string; fields: PackageManifest }> = [];
  const root = parseManifest(readText('package.json'));
  if (root) manifests.push({ manifest: 'package.json', dir: '', fields: root });
  for (const workspace of workspacePackages(paths, readText)) manifests.push({ manifest: `${workspace.dir}/package.json`, dir: workspace.dir, fields: workspace.manifest });
  return manifests
    .map(({ manifest, dir, fields }) => {
      const resolveAll = (targets: readonly string[]) => unique(targets.flatMap((target) => sourcesOf(dir, target, sorted, has)));
      const published = [fields.source, fields.main, fields.module, fields.types, fields.typings, ...exportTargets(fields.exports)];
      const bin = typeof fields.bin === 'string' ? [fields.bin] : typeof fields.bin === 'object' && fields.bin !== null ? Object.values(fields.bin) : [];
      return { manifest, files: resolveAll(published.filter(isString)), scripts: resolveAll(bin.filter(isString)) };
    })
    .sort((a, b) => compareText(a.manifest, b.manifest));
}

/** Every target `exports` names: a string, a subpath map, or condition objects nested in any depth. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (Array.isArray(exports)) return exports.flatMap(exportTargets);
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.values(exports).flatMap(exportTargets);
}

/**
 * The source files a manifest target stands for. A subpath pattern (`./dist/*.js`) stands for
 * every source file under its folder (its source folder, `src/` for `dist/`, when that has some).
 */
function sourcesOf(dir: string, target: string, sortedPaths: readonly string[], exists: (path: string) => boolean): string[] {
  const path = posix.normalize(posix.join(dir, target));
  const star = path.indexOf('*');
  if (star < 0) {
    const found = findSource(path, exists);
    return found === undefined ? [] : [found];
  }
  const prefix = path.slice(0, star);
  // Built folders are mapped inside the package only, as for a single target.
  const inPackage = dir === '' ? prefix : prefix.slice(dir.length + 1);
  // posix.join keeps a trailing slash.
  for (const start of new Set([...sourceCandidates(inPackage).map((candidate) => posix.join(dir, candidate)), prefix])) {
    const found = pathsStartingWith(sortedPaths, start).filter((candidate) => /\.(m|c)?(j|t)sx?$/.test(candidate) && !/\.d\.(m|c)?ts$/.test(candidate));
    if (found.length > 0) return found;
  }
  return [];
}

/** The paths that start with `prefix`, found by bisection: a package may have dozens of patterns. */
function pathsStartingWith(sortedPaths: readonly string[], prefix: string): string[] {
  let low = 0;
  let high = sortedPaths.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sortedPaths[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  const found: string[] = [];
  for (let index = low; index < sortedPaths.length && sortedPaths[index]!.startsWith(prefix); index++) found.push(sortedPaths[index]!);
  return found;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareText);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
