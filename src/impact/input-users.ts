import type { FileFacts } from '../types.js';

/** A symbol a changed non-code input reaches directly: affected at depth 1 (DESIGN §2 Non-code inputs). */
export interface InputSeed {
  id: string;
  file: string;
  name: string;
  declarationKind: string;
  /** The changed input: a dependency (`package.json#dependencies.lodash`) or a file (`src/data.json`). */
  via: string;
  edge: 'package' | 'asset';
}

/** The changed input an import of `file` stands for, or undefined. */
export type InputMatcher = (file: string, specifier: string) => string | undefined;

const MODULE_SYMBOL = '<module>';

/**
 * The declarations of a file that use a binding imported from a changed input (or load it with
 * `import()`, `require`, `vi.mock`), and its `<module>` when it imports one for its side effects.
 * A declaration using several changed inputs names the first by code point.
 */
function usersOfInputs(facts: FileFacts, matches: InputMatcher, edge: InputSeed['edge']): InputSeed[] {
  const bindings = new Map<string, string>();
  for (const binding of facts.imports) {
    const via = matches(facts.path, binding.specifier);
    if (via !== undefined) bindings.set(binding.local, via);
  }
  const seeds = new Map<string, InputSeed>();
  const add = (name: string, declarationKind: string, vias: readonly string[]) => {
    const via = [...vias].sort(compareText)[0];
    const id = `${facts.path}#${name}`;
    const known = seeds.get(id);
    if (via === undefined || (known && compareText(known.via, via) <= 0)) return;
    seeds.set(id, { id, file: facts.path, name, declarationKind: known?.declarationKind ?? declarationKind, via, edge });
  };
  for (const declaration of facts.declarations) {
    const vias = [
      ...declaration.uses.flatMap((use) => (bindings.has(use.name) ? [bindings.get(use.name)!] : [])),
      ...declaration.moduleUses.flatMap((use) => matches(facts.path, use.specifier) ?? []),
    ];
    add(declaration.name, declaration.kind, vias);
  }
  const sideEffects = facts.sideEffectImports.flatMap((sideEffect) => matches(facts.path, sideEffect.specifier) ?? []);
  const moduleKind = facts.declarations.find((declaration) => declaration.name === MODULE_SYMBOL)?.kind ?? 'module';
  add(MODULE_SYMBOL, moduleKind, sideEffects);
  return [...seeds.values()];
}

/** The seeds of several files, one per symbol, sorted by id. */
export function inputSeedsOf(files: Iterable<FileFacts>, matches: InputMatcher, edge: InputSeed['edge']): InputSeed[] {
  return [...files].flatMap((facts) => usersOfInputs(facts, matches, edge)).sort((a, b) => compareText(a.id, b.id));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
