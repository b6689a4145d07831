// Names with a meaning of their own in the symbol graph. Kept apart from the parser so that a
// warm run, which parses nothing, does not load the TypeScript compiler to learn them.

/** The export name that stands for `export =` / `module.exports =`: the module's whole value. */
export const EXPORT_EQUALS = '=';

/** The symbol of a file's top-level code that is neither a declaration nor an import. */
export const MODULE_SYMBOL = '<module>';

export function symbolId(file: string, name: string): string {
  return `${file}#${name}`;
}

/**
 * The file of a symbol id: the first prefix before a `#` that `isFile` knows. A name may hold
 * a `#` (`Ky.#retry`, a private member), and so, rarely, may a path; one no file matches is
 * taken to end at its first `#`.
 */
export function fileOfSymbol(id: string, isFile: (path: string) => boolean): string {
  for (let at = id.indexOf('#'); at !== -1; at = id.indexOf('#', at + 1)) {
    const file = id.slice(0, at);
    if (isFile(file)) return file;
  }
  return id.slice(0, id.indexOf('#'));
}

/** `x.constructor` is the runtime's constructor property, never a call of a class's constructor. */
export const notMembers = new Set(['constructor', 'prototype']);
