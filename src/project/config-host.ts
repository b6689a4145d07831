// The file system TypeScript reads tsconfigs through: the analysed side's tree for the
// repository's files, node_modules on disk for shared configs (`@tsconfig/node20`), and the
// repository's own packages for a base config named by package (`@acme/tsconfig/base.json`),
// since package managers link those into node_modules and a fresh clone has none.
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { ts } from 'ts-morph';
import { matchConfigFiles } from './config-files.js';
import type { WorkspacePackage } from './workspace-packages.js';

export interface ConfigTree {
  /** Absolute repository root. */
  root: string;
  /** Every repo-relative path of the side. */
  paths: readonly string[];
  /** Text of a repo-relative file on the analysed side, or undefined. */
  readText(path: string): string | undefined;
}

export function createConfigHost(tree: ConfigTree, packages: readonly WorkspacePackage[]): ts.ParseConfigHost & ts.ModuleResolutionHost {
  // Where a workspace package linked into node_modules really is, as the package manager's link says.
  const linked = (file: string): string | undefined => {
    const match = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(posix.relative(tree.root, file));
    const owner = match && packages.find((candidate) => candidate.name === match[1]);
    return owner ? posix.join(owner.dir, match[2]!) : undefined;
  };
  const readFile = (file: string): string | undefined => {
    const relative = posix.relative(tree.root, file);
    if (relative.startsWith('..')) return readDisk(file);
    if (!relative.includes('node_modules/')) return tree.readText(relative);
    const link = linked(file);
    return tree.readText(relative) ?? (link === undefined ? undefined : tree.readText(link)) ?? readDisk(file);
  };
  return {
    useCaseSensitiveFileNames: true,
    fileExists: (file) => readFile(file) !== undefined,
    readFile,
    // A base config's relative paths (`baseUrl`, `paths`) are relative to where it really is.
    realpath: (file) => {
      const link = linked(file);
      return link !== undefined && tree.readText(link) !== undefined ? posix.join(tree.root, link) : file;
    },
    readDirectory: (rootDir, extensions, excludes, includes) => matchConfigFiles(tree.root, tree.paths, { rootDir, extensions, excludes, includes }),
  };
}

function readDisk(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
