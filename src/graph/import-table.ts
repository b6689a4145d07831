import type { Resolution } from '../types.js';
import { PackedReader, PackedWriter, type Packed } from './packed.js';
import type { FileSkim } from './skim.js';

/** Where a specifier leads that nothing resolved. */
export const UNRESOLVED: Resolution = Object.freeze({ kind: 'unresolved' });
const EXTERNAL: Resolution = Object.freeze({ kind: 'external' });

const KIND_NAMES = ['file', 'asset', 'external', 'unresolved'] as const;
const FILE = 0;
const ASSET = 1;
const UNRESOLVED_KIND = 3;

/** A row's numbers before its modules: flags, module count, `export *` count. */
const ROW_HEAD = 3;
/** A module's numbers: specifier, line, kind, target (-1 for none), whether names may pass. */
const MODULE_WIDTH = 5;
/** Flags: the row was made once the file's facts were known (see `ImportRow.complete`). */
const COMPLETE = 1;
/** Flags: the file may export what it imports (see `FileSkim.passesImports`). */
const PASSES_IMPORTS = 2;

/** Rows this long find a specifier through a map, made when first asked. */
const SCANNED_MODULES = 8;

/** One module a file names, as a row is made from. */
interface NamedModule {
  specifier: string;
  /** -1 for a module only the facts named (see `FileSkim.unread`). */
  line: number;
  resolution: Resolution;
  /** Whether the file may pass names on from it: a re-export, or any import of a file that may export what it imports. */
  mayPass: boolean;
}

/**
 * What a code file names of other modules and where each leads in a state of the project: its
 * skim, resolved. The modules come in the skim's order, then those only its facts named, each
 * with its line, where it leads and whether names may pass through the file from it; then its
 * `export *` modules. A warm run takes the rows of unchanged files from the state's import table
 * and decodes none of their skims.
 */
export class ImportRow {
  #byName: Map<string, number> | undefined;
  #resolutions: Array<Resolution | undefined> | undefined;

  /** @param at where the row starts in `data`, strings by their index in `strings`. */
  constructor(
    private readonly strings: readonly string[],
    private readonly data: Int32Array,
    private readonly at: number,
  ) {}

  /**
   * The row of a skim, `resolutions` giving where each module it names leads (its specifiers,
   * then its unread ones). `complete`: whether the file's facts are known, hence its unread
   * modules (see `complete`).
   */
  static of(skim: FileSkim, resolutions: readonly Resolution[], complete: boolean): ImportRow {
    const reExports = new Set(skim.reExports);
    const named = [...skim.specifiers, ...(skim.unread ?? []).map((specifier) => ({ specifier, line: -1 }))];
    const modules = named.map(({ specifier, line }, index) => ({
      specifier,
      line,
      resolution: resolutions[index]!,
      mayPass: skim.passesImports || reExports.has(specifier),
    }));
    return build(modules, skim.stars, (complete ? COMPLETE : 0) | (skim.passesImports ? PASSES_IMPORTS : 0));
  }

  /**
   * Made once the file's facts were known: its modules then include every one the facts name
   * that the skim did not read. A row made from the skim alone is taken only while the facts are
   * still unknown: once they are parsed, the skim may have gained unread modules.
   */
  get complete(): boolean {
    return (this.data[this.at]! & COMPLETE) !== 0;
  }

  /** How many modules the file names. */
  get size(): number {
    return this.data[this.at + 1]!;
  }

  specifier(index: number): string {
    return this.strings[this.data[this.#module(index)]!]!;
  }

  /** The line of the statement naming the module; -1 for a module only the facts named. */
  line(index: number): number {
    return this.data[this.#module(index) + 1]!;
  }

  /** The file or asset the module leads to; undefined for a package or an unresolved specifier. */
  target(index: number): string | undefined {
    const target = this.data[this.#module(index) + 3]!;
    return target < 0 ? undefined : this.strings[target];
  }

  /** Whether the module leads to a code file (not an asset). */
  leadsToFile(index: number): boolean {
    return this.data[this.#module(index) + 2] === FILE;
  }

  isUnresolved(index: number): boolean {
    return this.data[this.#module(index) + 2] === UNRESOLVED_KIND;
  }

  mayPass(index: number): boolean {
    return this.data[this.#module(index) + 4] !== 0;
  }

  resolution(index: number): Resolution {
    this.#resolutions ??= new Array<Resolution | undefined>(this.size);
    const known = this.#resolutions[index];
    if (known) return known;
    const at = this.#module(index);
    const kind = KIND_NAMES[this.data[at + 2]!]!;
    const resolution: Resolution = kind === 'file' || kind === 'asset' ? { kind, path: this.strings[this.data[at + 3]!]! } : kind === 'external' ? EXTERNAL : UNRESOLVED;
    this.#resolutions[index] = resolution;
    return resolution;
  }

  /** Where `specifier` leads; undefined when the file does not name it. */
  resolve(specifier: string): Resolution | undefined {
    const size = this.size;
    if (size <= SCANNED_MODULES) {
      for (let index = 0; index < size; index++) if (this.specifier(index) === specifier) return this.resolution(index);
      return undefined;
    }
    if (!this.#byName) {
      this.#byName = new Map();
      for (let index = size - 1; index >= 0; index--) this.#byName.set(this.specifier(index), index);
    }
    const index = this.#byName.get(specifier);
    return index === undefined ? undefined : this.resolution(index);
  }

  /** The `export *` modules, in order. */
  stars(): string[] {
    const start = this.at + ROW_HEAD + this.size * MODULE_WIDTH;
    const stars = new Array<string>(this.data[this.at + 2]!);
    for (let index = 0; index < stars.length; index++) stars[index] = this.strings[this.data[start + index]!]!;
    return stars;
  }

  /** This row with modules the facts named that the skim did not read, and where they lead. */
  withUnread(unread: ReadonlyArray<readonly [string, Resolution]>): ImportRow {
    const mayPass = (this.data[this.at]! & PASSES_IMPORTS) !== 0;
    const modules = [...this.#modules(), ...unread.map(([specifier, resolution]) => ({ specifier, line: -1, resolution, mayPass }))];
    return build(modules, this.stars(), this.data[this.at]!);
  }

  /** Writes the row into a table (see `encodeImportTable`), `complete` or not. */
  writeTo(out: PackedWriter, complete: boolean): void {
    const flags = this.data[this.at]!;
    writeRow(out, this.#modules(), this.stars(), complete ? flags | COMPLETE : flags & ~COMPLETE);
  }

  #modules(): NamedModule[] {
    return Array.from({ length: this.size }, (_, index) => ({ specifier: this.specifier(index), line: this.line(index), resolution: this.resolution(index), mayPass: this.mayPass(index) }));
  }

  #module(index: number): number {
    return this.at + ROW_HEAD + index * MODULE_WIDTH;
  }
}

/** A row as a table holds it: flags, module count, `export *` count, each module (`MODULE_WIDTH` numbers), each `export *` module. */
function writeRow(out: PackedWriter, modules: readonly NamedModule[], stars: readonly string[], flags: number): void {
  out.push(flags);
  out.push(modules.length);
  out.push(stars.length);
  for (const { specifier, line, resolution, mayPass } of modules) {
    out.ref(specifier);
    out.push(line);
    out.push(KIND_NAMES.indexOf(resolution.kind));
    if ('path' in resolution) out.ref(resolution.path);
    else out.push(-1);
    out.push(mayPass ? 1 : 0);
  }
  for (const star of stars) out.ref(star);
}

/** A row on its own: written as a table would hold it, and read back. */
function build(modules: readonly NamedModule[], stars: readonly string[], flags: number): ImportRow {
  const out = new PackedWriter();
  writeRow(out, modules, stars, flags);
  const read = PackedReader.open(out.finish())!;
  return new ImportRow(read.table, read.data, 0);
}

/**
 * The import rows of every code file of a project state, each with the blob it was made from:
 * a later run in the state takes the row of every file whose blob is the same. Kept per project
 * snapshot, so the code files are the same list in the same order, and a file is named by its
 * index in that list.
 */
export class ImportTable {
  private constructor(
    private readonly read: PackedReader,
    /** Each file's blob, by its string's index; -1 for a file the state had no entry for. */
    private readonly blobs: Int32Array,
    private readonly starts: Int32Array,
  ) {}

  /** A stored table of `files` code files; undefined for one of another shape or length (other code wrote it), or cut short. */
  static open(stored: unknown, files: number): ImportTable | undefined {
    const read = PackedReader.open(stored);
    if (!read) return undefined;
    try {
      if (read.next() !== files) return undefined;
      const blobs = new Int32Array(files);
      const starts = new Int32Array(files);
      for (let index = 0; index < files; index++) {
        const blob = read.next();
        blobs[index] = blob;
        starts[index] = -1;
        if (blob === -1) continue;
        read.string(blob);
        starts[index] = read.at;
        read.next();
        const modules = read.count();
        const stars = read.count();
        for (let module = 0; module < modules; module++) {
          read.text();
          read.next();
          const kind = read.next();
          const target = read.next();
          if (kind < FILE || kind >= KIND_NAMES.length || (kind <= ASSET) !== (target >= 0)) return undefined;
          if (target >= 0) read.string(target);
          read.next();
        }
        for (let star = 0; star < stars; star++) read.text();
      }
      return read.done ? new ImportTable(read, blobs, starts) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The blob file `index` had when its row was made; undefined for a file without one. */
  blob(index: number): string | undefined {
    const blob = this.blobs[index] ?? -1;
    return blob < 0 ? undefined : this.read.table[blob];
  }

  row(index: number): ImportRow | undefined {
    const start = this.starts[index] ?? -1;
    return start < 0 ? undefined : new ImportRow(this.read.table, this.read.data, start);
  }
}

/**
 * A state's table to store: a row and its blob per code file, in the snapshot's order (none for
 * a file without an entry), each `complete` or not (see `ImportRow.complete`).
 */
export function encodeImportTable(rows: ReadonlyArray<{ blob: string; row: ImportRow; complete: boolean } | undefined>): Packed {
  const out = new PackedWriter();
  out.push(rows.length);
  for (const entry of rows) {
    if (!entry) {
      out.push(-1);
      continue;
    }
    out.ref(entry.blob);
    entry.row.writeTo(out, entry.complete);
  }
  return out.finish();
}
