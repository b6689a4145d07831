import { createHash } from 'node:crypto';
import type { FileFacts } from '../types.js';
import type { FileSkim } from './skim.js';

/**
 * What the cache's stamps read of a file's facts (see `Stamps` in the graph), kept beside the
 * facts, which are decoded only for the files a run reads. What the file names of other modules
 * the stamps read from its skim.
 */
export interface FileSummary {
  /**
   * A hash of what other files can see of this one: declared names, export names, imports,
   * re-exports. A body edit leaves it alone, so the graph pieces of the files importing this
   * one stay valid (see `FilePiece`).
   */
  surface: string;
  /** A hash of the names the file exports itself (not through `export *`). */
  ownExports: string;
  /** The file's first syntax error: a graph reports it without decoding the facts. */
  parseError?: FileFacts['parseErrors'][number];
}

export function summarize(facts: FileFacts): FileSummary {
  const ownExports = new Set<string>();
  for (const declaration of facts.declarations) for (const name of declaration.exportedAs) ownExports.add(name);
  for (const localExport of facts.localExports) ownExports.add(localExport.exported);
  for (const reExport of facts.reExports) if (reExport.exported !== '*') ownExports.add(reExport.exported);
  const [parseError] = facts.parseErrors;
  return {
    surface: surfaceOf(facts),
    ownExports: createHash('sha1').update([...ownExports].sort().join('\u0000')).digest('base64'),
    ...(parseError === undefined ? {} : { parseError }),
  };
}

/** Every module the facts name, each with the line of each statement or call that names it (see `FileSkim.unread`). */
export function specifiersOf(facts: FileFacts): Array<{ specifier: string; line: number }> {
  const specifiers: Array<{ specifier: string; line: number }> = [];
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

/** What the facts name that the skim did not read (see `FileSkim.unread`), given the specifiers it read. */
export function unreadBy(skimmed: Iterable<string>, facts: FileFacts): string[] {
  const read = new Set(skimmed);
  return [...new Set(specifiersOf(facts).map(({ specifier }) => specifier))].filter((specifier) => !read.has(specifier));
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
