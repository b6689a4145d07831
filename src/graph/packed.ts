/**
 * Tables the cache keeps per project state (the piece ledger, the import table) as one v8 value
 * of three parts, which decodes in a few milliseconds where one object per row would take tens:
 * every string once, end to end in `strings` (string `i` is `lengths[i]` long), and everything
 * else as numbers in `data`, strings by their index.
 */
export interface Packed {
  strings: string;
  lengths: Int32Array;
  data: Int32Array;
}

/**
 * Whether a table kept per project state is worth writing again, `made` of its `held` entries
 * having been made or checked anew by this run: writing it is a pass over every entry, so while
 * the one kept still spares most of a run's work, it stays, though older. Written again once a
 * run made one entry in eight or more.
 */
export function outOfDate(made: number, held: number): boolean {
  return made * 8 >= held;
}

/** Writes a packed value in order. */
export class PackedWriter {
  readonly #table = new Map<string, number>();
  readonly #data: number[] = [];

  push(value: number): void {
    this.#data.push(value);
  }

  /** A string, by its index (each string is kept once). */
  ref(text: string): void {
    let index = this.#table.get(text);
    if (index === undefined) {
      index = this.#table.size;
      this.#table.set(text, index);
    }
    this.#data.push(index);
  }

  /** A count, then the strings. */
  list(texts: readonly string[]): void {
    this.#data.push(texts.length);
    for (const text of texts) this.ref(text);
  }

  finish(): Packed {
    const strings = [...this.#table.keys()];
    return { strings: strings.join(''), lengths: Int32Array.from(strings, (text) => text.length), data: Int32Array.from(this.#data) };
  }
}

/**
 * Reads a packed value in order. A value cut short, or a string index out of range, throws a
 * `RangeError`: the caller takes the value as one of another shape (other code wrote it).
 */
export class PackedReader {
  at = 0;

  private constructor(
    /** The strings, by index. */
    readonly table: readonly string[],
    readonly data: Int32Array,
  ) {}

  /** A reader of `stored`; undefined for a value of another shape. */
  static open(stored: unknown): PackedReader | undefined {
    if (typeof stored !== 'object' || stored === null) return undefined;
    const { strings, lengths, data } = stored as Partial<Packed>;
    if (typeof strings !== 'string' || !(lengths instanceof Int32Array) || !(data instanceof Int32Array)) return undefined;
    const table = new Array<string>(lengths.length);
    let start = 0;
    for (let index = 0; index < lengths.length; index++) {
      const end = start + lengths[index]!;
      if (end < start || end > strings.length) return undefined;
      table[index] = strings.slice(start, end);
      start = end;
    }
    return new PackedReader(table, data);
  }

  get done(): boolean {
    return this.at === this.data.length;
  }

  /** The next number, not read yet. */
  peek(): number | undefined {
    return this.data[this.at];
  }

  next(): number {
    if (this.at >= this.data.length) throw new RangeError('cut short');
    return this.data[this.at++]!;
  }

  /** A count no larger than what is left to read. */
  count(): number {
    const count = this.next();
    if (count < 0 || count > this.data.length - this.at) throw new RangeError('bad count');
    return count;
  }

  text(): string {
    return this.string(this.next());
  }

  /** The string at `index`. */
  string(index: number): string {
    const value = this.table[index];
    if (value === undefined) throw new RangeError('no such string');
    return value;
  }

  list(): string[] {
    const count = this.count();
    const texts = new Array<string>(count);
    for (let index = 0; index < count; index++) texts[index] = this.text();
    return texts;
  }
}
