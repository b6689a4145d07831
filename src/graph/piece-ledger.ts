import type { EdgeKind, FileFacts } from '../types.js';
import type { Derived } from './graph-cache.js';
import { PackedReader, PackedWriter, type Packed } from './packed.js';
import type { PieceOutline } from './piece-outline.js';

/**
 * Which derived values (graph pieces, entry files' exports) were valid in a state of the
 * project, what each consulted, and each piece's outline: a warm run in a state it knows checks
 * only the values a change since could have touched (see `carriedVerdicts`), not a signature
 * per piece of every file that can reach the change, and reads the outlines of those thousands
 * of files from one table of strings instead of decoding one outline per file.
 *
 * Kept per project snapshot (the same file list and configs), so the code files are the same
 * list in the same order, and a file is named by its index in that list.
 */
export interface PieceVerdict {
  /** The variant found valid (see `StoredDerived.id`). */
  id: string;
  /** Its signature in that state: a run that checks it again would compute the same. */
  signature: string;
  /** The keys it consulted (see `DerivedValidity.consulted`). */
  consulted: readonly string[];
  /** A piece's outline. */
  outline?: PieceOutline;
  /**
   * The first syntax error of a piece's own file (its blob is the verdict's, so its facts are):
   * null for none, undefined when the run that noted the verdict had not parsed the file.
   */
  parseError?: FileFacts['parseErrors'][number] | null;
}

/** Verdicts by kind, then path. */
export type Verdicts = Record<keyof Derived, Map<string, PieceVerdict>>;

const KINDS: ReadonlyArray<keyof Derived> = ['piece', 'exports'];

/**
 * A ledger as stored (see `Packed`): the file count, each file's blob ('' for a file without an
 * entry), then per kind the verdict count and each verdict: file, id, signature, consulted keys,
 * an outline or -1, and its file's first syntax error (1, line, column, message), none (0) or
 * not known (-1).
 */
/**
 * The verdicts of a stored ledger that still hold: those of files whose blob is the same, minus
 * the files `consulting` says can have consulted a file whose blob changed, unless `unseen` says
 * no other file's piece can see that change (a body edit: see `Stamps`). `paths` and `blobs`
 * describe this state, in the snapshot's order ('' for a file without an entry). `held`:
 * whether there was a ledger to read. A ledger of another shape or length (other code wrote it)
 * holds nothing.
 */
export function carriedVerdicts(
  stored: unknown,
  paths: readonly string[],
  blobs: readonly string[],
  consulting: (files: readonly string[]) => Iterable<string>,
  unseen: (path: string, before: string) => boolean = () => false,
): { verdicts: Verdicts; held: boolean } {
  const decoded = decodeLedger(stored, paths.length);
  if (!decoded) return { verdicts: { piece: new Map(), exports: new Map() }, held: false };
  const changed: string[] = [];
  const seen: string[] = [];
  paths.forEach((path, index) => {
    const before = decoded.blobs[index]!;
    if (before === blobs[index]) return;
    changed.push(path);
    if (!unseen(path, before)) seen.push(path);
  });
  const touched = new Set([...changed, ...consulting(seen)]);
  const verdicts: Verdicts = { piece: new Map(), exports: new Map() };
  for (const kind of KINDS) {
    for (const [index, verdict] of decoded.verdicts[kind]) {
      const path = paths[index]!;
      if (!touched.has(path) && blobs[index] !== '') verdicts[kind].set(path, verdict);
    }
  }
  return { verdicts, held: true };
}

/** A ledger of this state to store: `paths` and `blobs` as for `carriedVerdicts`. */
export function encodeLedger(paths: readonly string[], blobs: readonly string[], verdicts: Verdicts): Packed {
  const out = new PackedWriter();
  const indexOf = new Map(paths.map((path, index) => [path, index]));
  out.push(paths.length);
  for (const blob of blobs) out.ref(blob);
  for (const kind of KINDS) {
    const held = [...verdicts[kind]].filter(([path]) => indexOf.has(path));
    out.push(held.length);
    for (const [path, { id, signature, consulted, outline, parseError }] of held) {
      out.push(indexOf.get(path)!);
      out.ref(id);
      out.ref(signature);
      out.list(consulted);
      if (outline) {
        out.list(outline.symbols);
        out.list(outline.targets);
        out.list(outline.reads);
        out.push(outline.heritage.length);
        for (const [from, to, edgeKind] of outline.heritage) {
          out.ref(from);
          out.ref(to);
          out.ref(edgeKind);
        }
        out.list(outline.unknown);
      } else out.push(-1);
      if (parseError === undefined) out.push(-1);
      else if (parseError === null) out.push(0);
      else {
        out.push(1);
        out.push(parseError.line);
        out.push(parseError.col);
        out.ref(parseError.message);
      }
    }
  }
  return out.finish();
}

/** A stored ledger read back; undefined for one of another shape, another file count, or cut short. */
function decodeLedger(stored: unknown, files: number): { blobs: string[]; verdicts: Record<keyof Derived, Array<[number, PieceVerdict]>> } | undefined {
  const read = PackedReader.open(stored);
  if (!read) return undefined;
  try {
    if (read.next() !== files) return undefined;
    const blobs = new Array<string>(files);
    for (let index = 0; index < files; index++) blobs[index] = read.text();
    const verdicts = { piece: [], exports: [] } as Record<keyof Derived, Array<[number, PieceVerdict]>>;
    for (const kind of KINDS) {
      const count = read.next();
      for (let held = 0; held < count; held++) {
        const index = read.next();
        if (index < 0 || index >= files) return undefined;
        const verdict: PieceVerdict = { id: read.text(), signature: read.text(), consulted: read.list() };
        if (read.peek() === -1) read.next();
        else {
          const symbols = read.list();
          const targets = read.list();
          const reads = read.list();
          const heritage: PieceOutline['heritage'] = [];
          for (let clauses = read.next(); clauses > 0; clauses--) heritage.push([read.text(), read.text(), read.text() as EdgeKind]);
          verdict.outline = { symbols, targets, reads, heritage, unknown: read.list() };
        }
        const error = read.next();
        if (error === 0) verdict.parseError = null;
        else if (error === 1) verdict.parseError = { line: read.next(), col: read.next(), message: read.text() };
        else if (error !== -1) return undefined;
        verdicts[kind].push([index, verdict]);
      }
    }
    return read.done ? { blobs, verdicts } : undefined;
  } catch {
    return undefined;
  }
}
