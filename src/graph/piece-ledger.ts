import type { EdgeKind, FileFacts } from '../types.js';
import type { Derived } from './graph-cache.js';
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
 * A ledger as stored: every string once, end to end in `strings` (string `i` is `lengths[i]`
 * long), and everything else as numbers in `data`, strings by their index:
 * the file count, each file's blob ('' for a file without an entry), then per kind the verdict
 * count and each verdict: file, id, signature, consulted keys, an outline or -1, and its
 * file's first syntax error (1, line, column, message), none (0) or not known (-1).
 */
interface EncodedLedger {
  strings: string;
  lengths: Int32Array;
  data: Int32Array;
}

/**
 * The verdicts of a stored ledger that still hold: those of files whose blob is the same, minus
 * the files `consulting` says can have consulted a file whose blob changed. `paths` and `blobs`
 * describe this state, in the snapshot's order ('' for a file without an entry). `held`:
 * whether there was a ledger to read. A ledger of another shape or length (other code wrote it)
 * holds nothing.
 */
export function carriedVerdicts(
  stored: unknown,
  paths: readonly string[],
  blobs: readonly string[],
  consulting: (files: readonly string[]) => Iterable<string>,
): { verdicts: Verdicts; held: boolean } {
  const decoded = decodeLedger(stored, paths.length);
  if (!decoded) return { verdicts: { piece: new Map(), exports: new Map() }, held: false };
  const changed = paths.filter((_, index) => decoded.blobs[index] !== blobs[index]);
  const touched = new Set([...changed, ...consulting(changed)]);
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
export function encodeLedger(paths: readonly string[], blobs: readonly string[], verdicts: Verdicts): EncodedLedger {
  const table = new Map<string, number>();
  const data: number[] = [];
  const ref = (text: string) => {
    let index = table.get(text);
    if (index === undefined) {
      index = table.size;
      table.set(text, index);
    }
    data.push(index);
  };
  const list = (texts: readonly string[]) => {
    data.push(texts.length);
    for (const text of texts) ref(text);
  };
  const indexOf = new Map(paths.map((path, index) => [path, index]));
  data.push(paths.length);
  for (const blob of blobs) ref(blob);
  for (const kind of KINDS) {
    const held = [...verdicts[kind]].filter(([path]) => indexOf.has(path));
    data.push(held.length);
    for (const [path, { id, signature, consulted, outline, parseError }] of held) {
      data.push(indexOf.get(path)!);
      ref(id);
      ref(signature);
      list(consulted);
      if (outline) {
        list(outline.symbols);
        list(outline.targets);
        list(outline.reads);
        data.push(outline.heritage.length);
        for (const [from, to, edgeKind] of outline.heritage) {
          ref(from);
          ref(to);
          ref(edgeKind);
        }
        list(outline.unknown);
      } else data.push(-1);
      if (parseError === undefined) data.push(-1);
      else if (parseError === null) data.push(0);
      else {
        data.push(1, parseError.line, parseError.col);
        ref(parseError.message);
      }
    }
  }
  const strings = [...table.keys()];
  return { strings: strings.join(''), lengths: Int32Array.from(strings, (text) => text.length), data: Int32Array.from(data) };
}

/** A stored ledger read back; undefined for one of another shape, another file count, or cut short. */
function decodeLedger(stored: unknown, files: number): { blobs: string[]; verdicts: Record<keyof Derived, Array<[number, PieceVerdict]>> } | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { strings, lengths, data } = stored as Partial<EncodedLedger>;
  if (typeof strings !== 'string' || !(lengths instanceof Int32Array) || !(data instanceof Int32Array)) return undefined;
  const table = new Array<string>(lengths.length);
  let start = 0;
  for (let index = 0; index < lengths.length; index++) {
    const end = start + lengths[index]!;
    if (end < start || end > strings.length) return undefined;
    table[index] = strings.slice(start, end);
    start = end;
  }
  let at = 0;
  const next = (): number => {
    if (at >= data.length) throw new RangeError('cut short');
    return data[at++]!;
  };
  const text = (): string => {
    const value = table[next()];
    if (value === undefined) throw new RangeError('no such string');
    return value;
  };
  const list = (): string[] => {
    const count = next();
    if (count < 0 || count > data.length) throw new RangeError('bad count');
    const texts = new Array<string>(count);
    for (let index = 0; index < count; index++) texts[index] = text();
    return texts;
  };
  try {
    if (next() !== files) return undefined;
    const blobs = new Array<string>(files);
    for (let index = 0; index < files; index++) blobs[index] = text();
    const verdicts = { piece: [], exports: [] } as Record<keyof Derived, Array<[number, PieceVerdict]>>;
    for (const kind of KINDS) {
      const count = next();
      for (let held = 0; held < count; held++) {
        const index = next();
        if (index < 0 || index >= files) return undefined;
        const verdict: PieceVerdict = { id: text(), signature: text(), consulted: list() };
        if (data[at] === -1) at++;
        else {
          const symbols = list();
          const targets = list();
          const reads = list();
          const heritage: PieceOutline['heritage'] = [];
          for (let clauses = next(); clauses > 0; clauses--) heritage.push([text(), text(), text() as EdgeKind]);
          verdict.outline = { symbols, targets, reads, heritage, unknown: list() };
        }
        const error = next();
        if (error === 0) verdict.parseError = null;
        else if (error === 1) verdict.parseError = { line: next(), col: next(), message: text() };
        else if (error !== -1) return undefined;
        verdicts[kind].push([index, verdict]);
      }
    }
    return at === data.length ? { blobs, verdicts } : undefined;
  } catch {
    return undefined;
  }
}
