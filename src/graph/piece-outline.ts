import type { EdgeKind } from '../types.js';
import type { FilePiece } from './build-graph.js';
import { notMembers } from './names.js';

/**
 * What a graph must know of a piece before it decodes it (see `assembleGraph`): which symbols it
 * declares, which symbols its edges lead to, which member names it reads, and its classes'
 * heritage. A walk from a core module decodes the pieces of the files it reaches, not of every
 * file that imports the module: the outlines of the others tell which pieces can hold an edge
 * into a reached symbol. The cache keeps it decoded beside each piece.
 */
export interface PieceOutline {
  /** The ids of the piece's symbols, in its order. */
  symbols: string[];
  /** Every symbol an edge of the piece leads to, once, in the order of the edges. */
  targets: string[];
  /** The member names its declarations read (`x.save()` reads `save`): see `FilePiece.memberReads`. */
  reads: string[];
  /** `[class, what it extends or implements, edge kind]`, in the order of the symbols, then of the edges. */
  heritage: Array<[string, string, EdgeKind]>;
  /** The targets of its `unknown` edges (computed access, non-literal imports). */
  unknown: string[];
}

export function outlineOf(piece: FilePiece): PieceOutline {
  const targets = new Set<string>();
  const unknown: string[] = [];
  for (const edge of piece.edges) {
    targets.add(edge.to);
    if (edge.kind === 'unknown') unknown.push(edge.to);
  }
  const reads = new Set<string>();
  for (const read of piece.memberReads) for (const name of read.reads) if (isMemberName(name)) reads.add(name);
  const heritage: PieceOutline['heritage'] = [];
  for (const symbol of piece.symbols) {
    if (symbol.declarationKind !== 'class') continue;
    for (const edge of piece.edges) if (edge.from === symbol.id && !edge.structural) heritage.push([symbol.id, edge.to, edge.kind]);
  }
  return { symbols: piece.symbols.map((symbol) => symbol.id), targets: [...targets], reads: [...reads], heritage, unknown };
}

/** A name read that can stand for a member: not a chain (`a.b`), not the runtime's `constructor`. */
export function isMemberName(name: string): boolean {
  return !name.includes('.') && !notMembers.has(name);
}

/** Whether a value read back from the cache has an outline's shape (another version's is not trusted). */
export function isPieceOutline(value: unknown): value is PieceOutline {
  const outline = value as Partial<PieceOutline> | undefined;
  return (
    typeof outline === 'object' &&
    outline !== null &&
    Array.isArray(outline.symbols) &&
    Array.isArray(outline.targets) &&
    Array.isArray(outline.reads) &&
    Array.isArray(outline.heritage) &&
    Array.isArray(outline.unknown)
  );
}
