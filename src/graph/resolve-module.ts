import { posix } from 'node:path';
import { ts } from 'ts-morph';
import { parseManifest, resolveWorkspaceImport, type ProjectLayout, type WorkspacePackage } from '../project/index.js';
import type { Resolution } from '../types.js';
import { scriptKindOf } from './script-kind.js';
import { createTypeScriptResolution } from './typescript-resolution.js';

export interface ModuleResolver {
  resolve(fromFile: string, specifier: string): Resolution;
}

/**
 * Resolves import specifiers to files of the analysed side with TypeScript's own resolver, run
 * over a virtual file system made of that side's paths (so `--head REF` needs no checkout).
 * Each file resolves under its governing tsconfig (see typescript-resolution.ts).
 */
export function createModuleResolver(
  root: string,
  paths: ReadonlySet<string>,
  layout: ProjectLayout,
  readText: (path: string) => string | undefined,
  workspaces: readonly WorkspacePackage[] = [],
): ModuleResolver {
  const directories = new Set<string>();
  for (const path of paths) {
    for (let dir = posix.dirname(path); dir !== '.' && !directories.has(dir); dir = posix.dirname(dir)) directories.add(dir);
  }
  const rootPrefix = root.endsWith('/') ? root : `${root}/`;
  // Asked for every folder TypeScript looks at: a normalised path under the root is a slice of it.
  const toRelative = (absolute: string): string | undefined => {
    if (absolute.startsWith(rootPrefix) && !hasDotSegment.test(absolute)) return absolute.slice(rootPrefix.length);
    const relative = posix.relative(root, absolute);
    return relative.startsWith('..') ? undefined : relative;
  };
  const host: ts.ModuleResolutionHost = {
    fileExists: (file) => {
      const relative = toRelative(file);
      return relative !== undefined && paths.has(relative);
    },
    directoryExists: (dir) => {
      const relative = toRelative(dir);
      return relative !== undefined && (relative === '' || directories.has(relative));
    },
    readFile: (file) => {
      const relative = toRelative(file);
      return relative === undefined ? undefined : readText(relative);
    },
    realpath: (file) => file,
    getCurrentDirectory: () => root,
  };
  const resolveWithTypeScript = createTypeScriptResolution(root, host);
  const memo = new Map<string, Resolution>();
  // Without a node_modules folder in the tree, a package name resolves alike from every folder
  // of one package (through `paths`, `baseUrl` or the package's own name): asked once per
  // package, not once per folder, as TypeScript would walk up every folder looking for one.
  const hasNodeModules = [...directories].some((dir) => dir === 'node_modules' || dir.endsWith('/node_modules'));
  const packageDirs = new Map<string, string>();
  const packageDirOf = (dir: string): string => {
    let known = packageDirs.get(dir);
    if (known === undefined) {
      known = dir === '.' || paths.has(posix.join(dir, 'package.json')) ? dir : packageDirOf(posix.dirname(dir));
      packageDirs.set(dir, known);
    }
    return known;
  };
  /**
   * What a specifier's answer depends on besides the config and the file's format (`.cts`,
   * `.mts`): a relative one names a path, whichever folder of the package names it (`./a` from
   * `src` is `../a` from `src/lib`); the package folder stays in the key, as its manifest decides
   * the module format of the files in it. Any other specifier is answered alike from every
   * folder of one package, unless the tree has a node_modules folder, or it is a package import
   * (`#x`) or an absolute path (`/x`): those are answered per folder.
   */
  const scopeOf = (fromFile: string, specifier: string): string => {
    const dir = posix.dirname(fromFile);
    if (isRelative(specifier) && !specifier.startsWith('/')) return `relative\u0000${packageDirOf(dir)}\u0000${posix.join(dir, specifier)}`;
    const from = hasNodeModules || specifier.startsWith('/') || specifier.startsWith('#') ? `folder\u0000${dir}` : `package\u0000${packageDirOf(dir)}`;
    return `${from}\u0000${specifier}`;
  };

  // What a bare specifier could name in the tree without node_modules: a file or folder under
  // `baseUrl` (by its name without extensions; listed once a config has one), a workspace
  // package, the file's own package.
  let stems: Set<string> | undefined;
  const hasStem = (path: string) => (stems ??= new Set([...paths].map(stemOf))).has(stemOf(path));
  const workspaceNames = new Set(workspaces.map((workspace) => workspace.name));
  const manifestNames = new Map<string, string | undefined>();
  const ownPackageName = (dir: string): string | undefined => {
    const packageDir = packageDirOf(dir);
    if (!manifestNames.has(packageDir)) manifestNames.set(packageDir, parseManifest(readText(posix.join(packageDir, 'package.json')))?.name);
    return manifestNames.get(packageDir);
  };
  /**
   * Whether TypeScript surely resolves a bare specifier nowhere in this tree, known without
   * asking it: the tree has no node_modules folder, no `paths` pattern claims the specifier,
   * nothing under `baseUrl` bears its name, and it names neither a workspace package nor the
   * file's own package (a self-reference). Asking would have TypeScript walk every folder above
   * the file for a node_modules folder, twice (the bundler fallback): on a large monorepo, a third
   * of resolving, for the packages installed outside the tree.
   */
  const surelyOutside = (fromFile: string, specifier: string, options: ts.CompilerOptions): boolean => {
    if (hasNodeModules || isRelative(specifier) || specifier.startsWith('#')) return false;
    // The classic resolver looks for the name in every folder above; an unset one may be classic.
    if (options.moduleResolution === undefined || options.moduleResolution === ts.ModuleResolutionKind.Classic) return false;
    if (Object.keys(options.paths ?? {}).some((pattern) => matchPattern(pattern, specifier) !== undefined)) return false;
    // `moduleSuffixes` (`-native`) would add to a name where its stem cannot show.
    if ((options.moduleSuffixes ?? []).some((suffix) => suffix !== '')) return false;
    if (options.baseUrl !== undefined) {
      const baseUrl = typeof options.baseUrl === 'string' ? toRelative(options.baseUrl) : undefined;
      // `utils/` names the folder `utils`.
      const candidate = baseUrl === undefined ? undefined : posix.join(baseUrl, specifier).replace(/\/+$/, '');
      if (candidate === undefined || hasStem(candidate) || directories.has(candidate)) return false;
    }
    const name = packageNameOf(specifier);
    return !workspaceNames.has(name) && ownPackageName(posix.dirname(fromFile)) !== name;
  };

  return {
    resolve(fromFile, specifier) {
      const config = layout.governing(fromFile);
      const key = `${config.hash}\u0000${formatExtension(fromFile)}\u0000${scopeOf(fromFile, specifier)}`;
      const cached = memo.get(key);
      if (cached) return cached;
      const resolved = surelyOutside(fromFile, specifier, config.options) ? undefined : resolveWithTypeScript(specifier, posix.join(root, fromFile), config)?.resolvedFileName;
      let resolution = classify(resolved, specifier, fromFile, config.options, paths, toRelative);
      // What TypeScript leaves outside the repository (no node_modules, or a package's built
      // output there) may be one of the repository's own packages: its source, by name.
      if (resolution.kind !== 'file' && resolution.kind !== 'asset' && !isRelative(specifier)) {
        const workspaceFile = resolveWorkspaceImport(specifier, workspaces, (path) => paths.has(path), config.options.customConditions);
        if (workspaceFile !== undefined) resolution = scriptKindOf(workspaceFile) ? { kind: 'file', path: workspaceFile } : { kind: 'asset', path: workspaceFile };
      }
      memo.set(key, resolution);
      return resolution;
    },
  };
}

function classify(
  resolved: string | undefined,
  specifier: string,
  fromFile: string,
  options: ts.CompilerOptions,
  paths: ReadonlySet<string>,
  toRelative: (absolute: string) => string | undefined,
): Resolution {
  if (resolved !== undefined) {
    const relative = toRelative(resolved);
    if (relative !== undefined && paths.has(relative) && !relative.includes('node_modules/')) {
      return scriptKindOf(relative) ? { kind: 'file', path: relative } : { kind: 'asset', path: relative };
    }
    return { kind: 'external' };
  }
  if (isRelative(specifier)) {
    // TypeScript does not resolve stylesheets and images; the repository still has them.
    const candidate = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
    if (paths.has(candidate)) return { kind: 'asset', path: candidate };
    return { kind: 'unresolved' };
  }
  const aliased = aliasTargets(specifier, options);
  if (aliased === undefined) return { kind: 'external' };
  // `@/styles/globals.css` through `"@/*": ["./src/*"]`: an asset, as for a relative import.
  const asset = aliased.map(toRelative).find((candidate) => candidate !== undefined && paths.has(candidate));
  return asset === undefined ? { kind: 'unresolved' } : { kind: 'asset', path: asset };
}

/** A `.` or `..` segment, or a doubled or trailing slash: the path needs normalising. */
const hasDotSegment = /\/\.{1,2}(\/|$)|\/\/|\/$/;

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/');
}

/**
 * The absolute targets of the `paths` alias that claims a specifier, or undefined when none
 * does: a specifier an alias claims is the project's own, and failing to resolve it is a finding.
 */
function aliasTargets(specifier: string, options: ts.CompilerOptions): string[] | undefined {
  const base = options.pathsBasePath ?? options.baseUrl;
  for (const [pattern, targets] of Object.entries(options.paths ?? {})) {
    // A catch-all `*` mapping claims every package name; it says nothing about ownership.
    if (pattern === '*') continue;
    const matched = matchPattern(pattern, specifier);
    if (matched === undefined) continue;
    return typeof base === 'string' ? targets.map((target) => posix.resolve(base, target.replace('*', matched))) : [];
  }
  return undefined;
}

/** What the `*` of a `paths` pattern stands for in a specifier ('' for an exact pattern), or undefined. */
function matchPattern(pattern: string, specifier: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star === -1) return specifier === pattern ? '' : undefined;
  const [prefix, suffix] = [pattern.slice(0, star), pattern.slice(star + 1)];
  const fits = specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
  return fits ? specifier.slice(prefix.length, specifier.length - suffix.length) : undefined;
}

/** A path without the extensions of its file name (`src/a.test.ts` -> `src/a`): what any extension TypeScript tries may add to. */
function stemOf(path: string): string {
  return path.replace(/(^|\/)([^/.]*)\.[^/]*$/, '$1$2');
}

/** The package a bare specifier names: `@scope/name` or `name`, without the subpath. */
function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function formatExtension(path: string): string {
  return /\.[cm][jt]s$/.test(path) ? path.slice(-4) : '';
}
