import { posix } from 'node:path';
import { defaultTsconfig, readTsconfig, type TsconfigInfo, type TsconfigSource } from './tsconfig.js';

export type { TsconfigInfo, TsconfigSource } from './tsconfig.js';
export { findWorkspaces, type WorkspaceInput, type WorkspaceLayout } from './workspaces.js';
export { resolveWorkspaceImport, workspacePackages, type WorkspacePackage } from './workspace-packages.js';

/** What the code base is, for one side of the comparison. */
export interface ProjectLayout {
  tsconfigs: TsconfigInfo[];
  /** The config that governs a repo-relative file: the nearest one above it, else defaults. */
  governing(path: string): TsconfigInfo;
  /** Things the user should know (no tsconfig found); never fatal. */
  warnings: string[];
}

const configNames = ['tsconfig.json', 'jsconfig.json'];

/**
 * Finds and reads the project's tsconfigs among the files of one side.
 * Input: the repository root, every repo-relative path of the side, and a reader for their text.
 * Errors: ProjectError for a config that cannot be parsed (with file:line:col).
 */
export function loadProjectLayout(source: TsconfigSource & { paths: readonly string[] }): ProjectLayout {
  const byDir = new Map<string, TsconfigInfo>();
  for (const path of source.paths) {
    const name = posix.basename(path);
    if (!configNames.includes(name) || path.includes('node_modules/')) continue;
    const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    // tsconfig.json wins over jsconfig.json in the same folder.
    if (byDir.has(dir) && name === 'jsconfig.json') continue;
    byDir.set(dir, readTsconfig(path, source));
  }
  const fallback = defaultTsconfig();
  const warnings = byDir.size === 0 ? ['no tsconfig.json found; resolving imports with default options'] : [...byDir.values()].flatMap((config) => config.warnings);
  const memo = new Map<string, TsconfigInfo>();
  const governingDir = (dir: string): TsconfigInfo => {
    const cached = memo.get(dir);
    if (cached) return cached;
    const found = byDir.get(dir) ?? (dir === '' ? fallback : governingDir(parentDir(dir)));
    memo.set(dir, found);
    return found;
  };
  return {
    tsconfigs: [...byDir.values()],
    governing: (path) => governingDir(parentDir(path)),
    warnings,
  };
}

function parentDir(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}
