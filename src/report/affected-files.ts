import type { Result } from '../types.js';
import { compareCodePoints } from './ordering.js';

/** An affected file as the reports list it. */
export interface AffectedFile {
  path: string;
  /** The nearest depth of its affected symbols; undefined if the result lists none in it. */
  depth: number | undefined;
  /** Its affected symbols' names, nearest first, then by name. */
  names: string[];
}

/**
 * `affected.files` with the names of their affected symbols, nearest depth first, then by
 * path: the files a reader should look at first come first.
 */
export function listAffectedFiles(result: Result): AffectedFile[] {
  const byFile = new Map<string, Array<{ name: string; depth: number }>>();
  for (const symbol of result.affected.symbols) {
    const symbols = byFile.get(symbol.file);
    if (symbols === undefined) byFile.set(symbol.file, [{ name: symbol.name, depth: symbol.depth }]);
    else symbols.push({ name: symbol.name, depth: symbol.depth });
  }
  const files = result.affected.files.map((path): AffectedFile => {
    const symbols = (byFile.get(path) ?? []).sort(
      (a, b) => a.depth - b.depth || compareCodePoints(a.name, b.name),
    );
    return { path, depth: symbols[0]?.depth, names: symbols.map((symbol) => symbol.name) };
  });
  return files.sort(
    (a, b) =>
      (a.depth ?? Number.MAX_SAFE_INTEGER) - (b.depth ?? Number.MAX_SAFE_INTEGER) ||
      compareCodePoints(a.path, b.path),
  );
}
