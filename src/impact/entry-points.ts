import type { AffectedSymbol, ChangedSymbol } from '../types.js';

export interface EntryPointInput {
  /** Ids of the symbols the packages' entry files export (re-exports followed to the declarations). */
  exported: Iterable<string>;
  /** Files of `bin` scripts: every symbol of theirs, `<module>` included, is an entry point. */
  scripts: readonly string[];
  changes: readonly ChangedSymbol[];
  symbols: readonly AffectedSymbol[];
}

/**
 * `affected.entryPoints` (DESIGN §2 Lists): the changed (more than trivia, and still there at
 * head) and affected symbols that a package publishes, as ids of their declarations, sorted.
 */
export function findEntryPoints(input: EntryPointInput): string[] {
  const exported = new Set(input.exported);
  const scripts = new Set(input.scripts);
  const candidates = [
    ...input.changes.filter((change) => change.change !== 'trivia' && change.change !== 'removed'),
    ...input.symbols,
  ];
  const ids = candidates.filter((symbol) => exported.has(symbol.id) || scripts.has(symbol.file)).map((symbol) => symbol.id);
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
