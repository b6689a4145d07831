// Imported non-code files as changed inputs (DESIGN §2 Non-code inputs): `import data from
// './data.json'`, `import styles from './x.module.css'`, `require('./config.json')`.
import type { Resolution } from '../types.js';
import type { InputMatcher } from './input-users.js';

/** Where each import specifier of each file leads (the graph stage's `resolved`). */
export type ResolvedImports = ReadonlyMap<string, ReadonlyMap<string, Resolution>>;

/** An import of a non-code file: `file` imports `path` as `specifier`. */
export interface AssetImport {
  file: string;
  specifier: string;
  path: string;
}

/** The imports that resolve to one of `paths` (non-code files), sorted by file and specifier. */
export function assetImports(resolved: ResolvedImports, paths: ReadonlySet<string>): AssetImport[] {
  const found: AssetImport[] = [];
  for (const [file, specifiers] of resolved) {
    for (const [specifier, resolution] of specifiers) {
      if (resolution.kind === 'asset' && paths.has(resolution.path)) found.push({ file, specifier, path: resolution.path });
    }
  }
  return found.sort((a, b) => compareText(a.file, b.file) || compareText(a.specifier, b.specifier));
}

/**
 * Which import of which file a change of non-code files reaches: an import that resolves at head
 * to a changed file (`resolved`, `changed`), or, for a file deleted or renamed away, the same
 * import in the same file as it was at the merge-base (`gone`: it resolves nowhere at head, and
 * its users break). The input is named by its path at head, or at the merge-base when gone.
 */
export function assetMatcher(resolved: ResolvedImports, changed: ReadonlySet<string>, gone: readonly AssetImport[]): InputMatcher {
  const goneByImport = new Map(gone.map((entry) => [`${entry.file}\u0000${entry.specifier}`, entry.path]));
  return (file, specifier) => {
    const resolution = resolved.get(file)?.get(specifier);
    if (resolution?.kind === 'asset' && changed.has(resolution.path)) return resolution.path;
    return goneByImport.get(`${file}\u0000${specifier}`);
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
