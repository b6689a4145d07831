import type { Result } from '../../src/types.js';

/** Changed symbols as `id change[/surface]`, the way scenario tests assert them. */
export function changesOf(result: Result): string[] {
  return result.changes.map((change) => `${change.id} ${change.change}${change.surface ? `/${change.surface}` : ''}`);
}

/** Affected symbols as `id depth via edge`. */
export function affectedOf(result: Result): string[] {
  return result.affected.symbols.map((symbol) => `${symbol.id} ${symbol.depth} ${symbol.via} ${symbol.edge}`);
}
