import type { SymbolGraph } from '../../types.js';
import { MODULE_SYMBOL } from '../names.js';

/**
 * mulberry32: a 32-bit seeded generator, small and good enough to pick a sample. The same seed
 * gives the same sequence on every platform, so a sample can be reproduced from the report.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The symbols a sample is drawn from: exported declarations, `<module>` excluded, sorted by id. */
export function sampleCandidates(graph: SymbolGraph): string[] {
  const ids: string[] = [];
  for (const info of graph.symbols.values()) {
    if (info.exportedAs.length > 0 && info.name !== MODULE_SYMBOL) ids.push(info.id);
  }
  return ids.sort(compareText);
}

/**
 * `size` of the candidates, drawn without replacement by a partial Fisher–Yates shuffle driven
 * by the seed, returned sorted. Asking for as many as there are, or more, returns them all.
 */
export function drawSample(candidates: readonly string[], size: number, seed: number): string[] {
  const pool = [...candidates];
  const count = Math.max(0, Math.min(size, pool.length));
  const random = createRandom(seed);
  for (let index = 0; index < count; index++) {
    const pick = index + Math.floor(random() * (pool.length - index));
    [pool[index], pool[pick]] = [pool[pick]!, pool[index]!];
  }
  return pool.slice(0, count).sort(compareText);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
