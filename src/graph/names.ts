// Names with a meaning of their own in the symbol graph. Kept apart from the parser so that a
// warm run, which parses nothing, does not load the TypeScript compiler to learn them.

/** The export name that stands for `export =` / `module.exports =`: the module's whole value. */
export const EXPORT_EQUALS = '=';

/** The symbol of a file's top-level code that is neither a declaration nor an import. */
export const MODULE_SYMBOL = '<module>';

export function symbolId(file: string, name: string): string {
  return `${file}#${name}`;
}

/** `x.constructor` is the runtime's constructor property, never a call of a class's constructor. */
export const notMembers = new Set(['constructor', 'prototype']);
