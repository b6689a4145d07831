import { posix } from 'node:path';
import type { ts } from 'ts-morph';
import { createConfigHost } from './config-host.js';
import { createGoverningLookup, parentDir } from './governing-config.js';
import { defaultTsconfig, readTsconfig, type TsconfigInfo, type TsconfigSource } from './tsconfig.js';
import { workspacePackages } from './workspace-packages.js';

export type { TsconfigInfo, TsconfigSource } from './tsconfig.js';
export { findWorkspaces, type WorkspaceInput, type WorkspaceLayout } from './workspaces.js';
export { parseManifest, resolveWorkspaceImport, workspacePackages, type WorkspacePackage } from './workspace-packages.js';

/** What the code base is, for one side of the comparison. */
export interface ProjectLayout {
  /** Every config read: those found by name and the projects they reference. */
  tsconfigs: TsconfigInfo[];
  /**
   * The config that governs a repo-relative file: the nearest one above it that takes it in
   * (itself or through its `references`), else the nearest one, else defaults.
   */
  governing(path: string): TsconfigInfo;
  /** Things the user should know (no tsconfig found); never fatal. */
  warnings: string[];
}

const configNames = ['tsconfig.json', 'jsconfig.json'];

/**
 * Finds and reads the project's tsconfigs among the files of one side, with the projects they
 * reference.
 * Input: the repository root, every repo-relative path of the side, and a reader for their text.
 * Errors: ProjectError for a config that cannot be parsed (with file:line:col).
 */
export function loadProjectLayout(source: TsconfigSource): ProjectLayout {
  const host = createConfigHost(source, workspacePackages(source.paths, source.readText));
  const byPath = new Map<string, TsconfigInfo>();
  const extended = new Map<string, ts.ExtendedConfigCacheEntry>();
  const warnings: string[] = [];
  const read = (path: string): TsconfigInfo => {
    const known = byPath.get(path);
    if (known) return known;
    const config = readTsconfig(path, source, host, extended);
    byPath.set(path, config);
    warnings.push(...config.warnings);
    for (const reference of config.references) {
      if (source.readText(reference) !== undefined) read(reference);
      else warnings.push(`${path}: referenced project '${reference}' has no config; its files are governed without it`);
    }
    return config;
  };
  const byDir = new Map<string, TsconfigInfo>();
  const present = new Set(source.paths);
  for (const path of source.paths) {
    const name = posix.basename(path);
    if (!configNames.includes(name) || path.includes('node_modules/')) continue;
    // tsconfig.json wins over jsconfig.json in the same folder.
    if (name === 'jsconfig.json' && present.has(posix.join(posix.dirname(path), 'tsconfig.json'))) continue;
    byDir.set(parentDir(path), read(path));
  }
  if (byDir.size === 0) warnings.unshift('no tsconfig.json found; resolving imports with default options');
  return {
    tsconfigs: [...byPath.values()],
    governing: createGoverningLookup({ byDir, byPath }, defaultTsconfig()),
    warnings,
  };
}
