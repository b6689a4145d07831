import { posix } from 'node:path';
import { ts } from 'ts-morph';
import { resolveWorkspaceImport, type ProjectLayout, type WorkspacePackage } from '../project/index.js';
import type { Resolution } from '../types.js';
import { scriptKindOf } from './script-kind.js';

export interface ModuleResolver {
  resolve(fromFile: string, specifier: string): Resolution;
}

/**
 * Resolves import specifiers to files of the analysed side with TypeScript's own resolver, run
 * over a virtual file system made of that side's paths (so `--head REF` needs no checkout).
 * Each file resolves under its governing tsconfig; when the configured mode refuses a
 * specifier that a bundler would take (an extensionless relative import under node16), the
 * bundler answer is used: blast maps dependencies, it does not judge import style.
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
  const toRelative = (absolute: string): string | undefined => {
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
  const bundlerFallback: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true, resolveJsonModule: true };
  const caches = new Map<string, ts.ModuleResolutionCache>();
  const memo = new Map<string, Resolution>();

  const resolveWith = (specifier: string, containing: string, options: ts.CompilerOptions, cacheKey: string): string | undefined => {
    let cache = caches.get(cacheKey);
    if (!cache) {
      cache = ts.createModuleResolutionCache(root, (name) => name, options);
      caches.set(cacheKey, cache);
    }
    const result = ts.resolveModuleName(specifier, containing, options, host, cache);
    return result.resolvedModule?.resolvedFileName;
  };

  return {
    resolve(fromFile, specifier) {
      const config = layout.governing(fromFile);
      const key = `${config.hash}\u0000${posix.dirname(fromFile)}\u0000${specifier}`;
      const cached = memo.get(key);
      if (cached) return cached;
      const containing = posix.join(root, fromFile);
      let resolved = resolveWith(specifier, containing, config.options, config.hash);
      if (resolved === undefined) resolved = resolveWith(specifier, containing, { ...config.options, ...bundlerFallback }, `${config.hash}:bundler`);
      let resolution = classify(resolved, specifier, fromFile, config.options, paths, toRelative);
      // What TypeScript leaves outside the repository (no node_modules, or a package's built
      // output there) may be one of the repository's own packages: its source, by name.
      if (resolution.kind !== 'file' && resolution.kind !== 'asset' && !isRelative(specifier)) {
        const workspaceFile = resolveWorkspaceImport(specifier, workspaces, (path) => paths.has(path));
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
  return matchesPathAlias(specifier, options) ? { kind: 'unresolved' } : { kind: 'external' };
}

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/');
}

/** A specifier that a `paths` alias claims is the project's own: failing to resolve it is a finding. */
function matchesPathAlias(specifier: string, options: ts.CompilerOptions): boolean {
  for (const pattern of Object.keys(options.paths ?? {})) {
    // A catch-all `*` mapping claims every package name; it says nothing about ownership.
    if (pattern === '*') continue;
    const star = pattern.indexOf('*');
    if (star === -1 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))) {
      return true;
    }
  }
  return false;
}
