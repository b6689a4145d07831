// What an early read has stored so far, part by part, for a consumer that starts on each part
// before the read ends: a cold run resolves the imports of the files skimmed so far while the
// parse thread skims the rest.

export class ReadProgress {
  readonly #parts: string[][] = [];
  #ended = false;
  #wake: Array<() => void> = [];

  /** The files of a part just stored. */
  add(paths: string[]): void {
    this.#parts.push(paths);
    this.#notify();
  }

  /** The read is over, done or not: no part comes after. */
  end(): void {
    this.#ended = true;
    this.#notify();
  }

  /** Every part, those stored already first, until the read ends or `until` settles. */
  async *parts(until: Promise<unknown>): AsyncGenerator<string[]> {
    let over = false;
    const stop = () => {
      over = true;
      this.#notify();
    };
    until.then(stop, stop);
    for (let index = 0; ; index++) {
      while (index >= this.#parts.length && !this.#ended && !over) await new Promise<void>((resolve) => this.#wake.push(resolve));
      if (index >= this.#parts.length) return;
      yield this.#parts[index]!;
    }
  }

  #notify(): void {
    for (const wake of this.#wake.splice(0)) wake();
  }
}
