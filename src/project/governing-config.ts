// Which config governs a file, as TypeScript's language server decides it: walking up from the
// file's folder, the first tsconfig.json (or jsconfig.json) that takes the file in, directly or
// through a project it references (a solution config with `"files": []`, or Vite's
// tsconfig.json that references tsconfig.app.json). A file that no config takes in (a script
// outside `include`) keeps the nearest config, whose options are still the closest guess.
import { posix } from 'node:path';
import type { TsconfigInfo } from './tsconfig.js';

export interface ConfigSet {
  /** Configs found by name, by repo-relative folder. */
  byDir: ReadonlyMap<string, TsconfigInfo>;
  /** Every config read (referenced ones included), by repo-relative path. */
  byPath: ReadonlyMap<string, TsconfigInfo>;
}

export function createGoverningLookup(configs: ConfigSet, fallback: TsconfigInfo): (path: string) => TsconfigInfo {
  const memo = new Map<string, TsconfigInfo>();
  const projectTaking = (config: TsconfigInfo, path: string, seen: Set<TsconfigInfo>): TsconfigInfo | undefined => {
    if (seen.has(config)) return undefined;
    seen.add(config);
    if (config.files.has(path)) return config;
    for (const reference of config.references) {
      const referenced = configs.byPath.get(reference);
      const found = referenced && projectTaking(referenced, path, seen);
      if (found) return found;
    }
    return undefined;
  };
  return (path) => {
    const known = memo.get(path);
    if (known) return known;
    let nearest: TsconfigInfo | undefined;
    let governing: TsconfigInfo | undefined;
    for (let dir = parentDir(path); governing === undefined; dir = parentDir(dir)) {
      const config = configs.byDir.get(dir);
      if (config) {
        nearest ??= config;
        governing = projectTaking(config, path, new Set());
      }
      if (dir === '') break;
    }
    const found = governing ?? nearest ?? fallback;
    memo.set(path, found);
    return found;
  };
}

export function parentDir(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}
