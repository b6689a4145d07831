import { createHash } from 'node:crypto';
import type { FileFacts } from '../types.js';

/**
 * The little of a file's facts that the cache's stamps read (see `Stamps` in the graph): what it
 * names of other modules, what others can see of it, and whether it parsed. Kept beside the
 * facts, which are decoded only for the files a run reads.
 */
export interface FileSummary {
  specifiers: Array<{ specifier: string; line: number }>;
  parseErrors: FileFacts['parseErrors'];
  /**
   * A hash of what other files can see of this one: declared names, export names, imports,
   * re-exports. A body edit leaves it alone, so the graph pieces of the files importing this
   * one stay valid (see `FilePiece`).
   */
  surface: string;
  /** A hash of the names the file exports itself (not through `export *`). */
  ownExports: string;
  /** Specifiers of its `export * from`, in order: with `ownExports`, all that its export names depend on. */
  stars: string[];
}

export function summarize(facts: FileFacts): FileSummary {
  const specifiers = specifiersOf(facts);
  const ownExports = new Set<string>();
  for (const declaration of facts.declarations) for (const name of declaration.exportedAs) ownExports.add(name);
  for (const localExport of facts.localExports) ownExports.add(localExport.exported);
  const stars: string[] = [];
  for (const reExport of facts.reExports) {
    if (reExport.exported === '*') stars.push(reExport.specifier);
    else ownExports.add(reExport.exported);
  }
  return {
    specifiers,
    parseErrors: facts.parseErrors,
    surface: surfaceOf(facts),
    ownExports: createHash('sha1').update([...ownExports].sort().join('\u0000')).digest('base64'),
    stars,
  };
}

/** Every module the facts name, each with the line of each statement or call that names it. */
export function specifiersOf(facts: FileFacts): FileSummary['specifiers'] {
  const specifiers: FileSummary['specifiers'] = [];
  const seen = new Set<string>();
  const add = (specifier: string, line: number) => {
    const key = `${specifier}\u0000${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    specifiers.push({ specifier, line });
  };
  for (const binding of facts.imports) add(binding.specifier, binding.line);
  for (const reExport of facts.reExports) add(reExport.specifier, reExport.line);
  for (const sideEffect of facts.sideEffectImports) add(sideEffect.specifier, sideEffect.line);
  for (const declaration of facts.declarations) for (const use of declaration.moduleUses) add(use.specifier, use.line);
  return specifiers;
}

function surfaceOf(facts: FileFacts): string {
  const seen = [
    facts.declarations.map((declaration) => [declaration.name, declaration.exportedAs]),
    facts.imports.map((binding) => [binding.local, binding.imported, binding.specifier, binding.typeOnly]),
    facts.localExports.map((localExport) => [localExport.exported, localExport.local]),
    facts.reExports.map((reExport) => [reExport.exported, reExport.imported, reExport.specifier, reExport.typeOnly]),
  ];
  return createHash('sha1').update(JSON.stringify(seen)).digest('base64');
}
