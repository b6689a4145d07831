import type { VerifyCut as Cut } from '../../types.js';
import { compareText } from './sample.js';

/**
 * The files a symbol reaches on one side of the comparison. Each file keeps the chain of
 * symbol ids that reached it first (breadth-first, so a shortest one): the sampled symbol,
 * then each symbol that references the one before, ending with the first symbol of that file.
 */
export type Reach = Map<string, string[]>;

/** How a closure ended: complete, or cut by the bound on symbols or by the time budget. */
export type { VerifyCut as Cut } from '../../types.js';

export interface Closure {
  direct: Reach;
  transitive: Reach;
  cut?: Cut;
}

/**
 * A dependent of a symbol. `containment` marks blast's structural edges (a class or namespace on
 * its own member): the walk follows them, but they are no reference, so never a direct dependent.
 */
export interface Dependent {
  symbol: string;
  file: string;
  containment?: true;
}

/** The dependents of one symbol, in a stable order. */
export type DependentsOf = (id: string) => readonly Dependent[] | undefined;

export interface WalkLimits {
  /** At most this many symbols are expanded (asked for their dependents) per closure. */
  maxSymbols: number;
  /** Wall-clock deadline (`performance.now()` scale); past it the closure is cut. */
  deadline: number;
  now(): number;
}

/**
 * Breadth-first over dependents from `start`. `direct` is what `start`'s own dependents are
 * in; `transitive`, every dependent reached. `start` itself and its own members are never
 * dependents of it (a reference inside a declaration is no use of it). Containment is
 * followed only when asked (it is never a direct dependent).
 */
export function walkClosure(
  start: string,
  dependentsOf: DependentsOf,
  limits: WalkLimits,
  expandable: (id: string) => boolean,
  followContainment = false,
): Closure {
  const direct: Reach = new Map();
  const via = new Map<string, string>();
  const queue: string[] = [start];
  let expanded = 0;
  let cut: Cut | undefined;
  for (let index = 0; index < queue.length; index++) {
    const id = queue[index]!;
    if (expanded >= limits.maxSymbols) {
      cut = 'bound';
      break;
    }
    if (index > 0 && limits.now() > limits.deadline) {
      cut = 'time';
      break;
    }
    expanded++;
    const dependents = dependentsOf(id) ?? [];
    for (const { symbol, file, containment } of dependents) {
      if (containment && !followContainment) continue;
      if (index === 0 && !containment && !direct.has(file)) direct.set(file, [start, symbol]);
      if (symbol === start || via.has(symbol)) continue;
      via.set(symbol, id);
      if (expandable(symbol)) queue.push(symbol);
    }
  }
  const transitive: Reach = new Map();
  const reached = [...via.keys()];
  // Files take the chain of the symbol reached first, in breadth-first order.
  for (const symbol of reached) {
    const file = fileOf(symbol);
    if (transitive.has(file)) continue;
    const chain = [symbol];
    for (let at = via.get(symbol); at !== undefined; at = via.get(at)) chain.unshift(at);
    transitive.set(file, chain);
  }
  return cut === undefined ? { direct, transitive } : { direct, transitive, cut };
}

function fileOf(id: string): string {
  return id.slice(0, id.indexOf('#', id.lastIndexOf('/') + 1));
}

/** Sorted by symbol; one entry per symbol, a reference winning over containment. */
export function sortDependents(dependents: readonly Dependent[]): Dependent[] {
  const bySymbol = new Map<string, Dependent>();
  for (const dependent of dependents) {
    const existing = bySymbol.get(dependent.symbol);
    if (!existing || (existing.containment && !dependent.containment)) bySymbol.set(dependent.symbol, dependent);
  }
  return [...bySymbol.values()].sort((a, b) => compareText(a.symbol, b.symbol));
}
