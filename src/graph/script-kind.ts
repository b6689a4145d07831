import type { ScriptKind } from '../types.js';

const byExtension: ReadonlyArray<[string, ScriptKind]> = [
  ['.d.ts', 'dts'],
  ['.d.mts', 'dts'],
  ['.d.cts', 'dts'],
  ['.tsx', 'tsx'],
  ['.ts', 'ts'],
  ['.mts', 'mts'],
  ['.cts', 'cts'],
  ['.jsx', 'jsx'],
  ['.js', 'js'],
  ['.mjs', 'mjs'],
  ['.cjs', 'cjs'],
];

/** The script kind of a path, or undefined when blast does not analyse files of that kind. */
export function scriptKindOf(path: string): ScriptKind | undefined {
  for (const [extension, kind] of byExtension) {
    if (path.endsWith(extension)) return kind;
  }
  return undefined;
}

/** Files that are code, but not code blast can parse (listed as unanalysed, never silently dropped). */
export function isUnanalysableCode(path: string): boolean {
  return /\.(vue|svelte|astro)$/.test(path);
}
